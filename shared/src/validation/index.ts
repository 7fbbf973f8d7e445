export { checkNumber, toCheckedFloat64, checkIds } from "./numbers";
export { mustBe, numberProblem, outsideRange } from "./mustBe";
export type { NumberRule } from "./mustBe";
export { readNumber, requireNumber, describeReceived } from "./readNumber";
export type { NumberReading } from "./readNumber";
export { numberSchema } from "./numberSchema";
