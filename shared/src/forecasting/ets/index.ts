export { etsLabel, etsParameterCount, admissibleEtsModels } from "./etsModel";
export type { EtsSpec } from "./etsModel";
export { fitEts } from "./fitEts";
export type { EtsFit } from "./fitEts";
export { selectEts } from "./selectEts";
export type { EtsSelection } from "./selectEts";
export { etsForecastVariance, etsForecastErrorSd, linearEtsVariance } from "./etsForecastVariance";
export type { LinearEtsParameters } from "./etsForecastVariance";
export { initialEtsStates } from "./initialEtsStates";
