export { gatehouseVerifier, type GatehouseVerifier } from "./verifier";
export { toolCallGuard, callsInBody } from "./tool-guard";
export { reportTools } from "./report-tools";
export { GatehouseUnavailableError, type GatehouseOptions, type CallDescription, type VerifyAnswer, type ReportedTool } from "./api";
