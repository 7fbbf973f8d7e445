export { DomainError, assertUnreachable, describeValue } from "./domainError";
export type { DomainErrorKind } from "./domainError";
export { parseWith } from "./parseWith";
