export { gatehouseAuth, type GatehouseAuth, type GatehouseAuthOptions, type GatehouseAuthInfo } from "./protect.js";
export { callsInBody } from "./calls.js";
export { reportTools } from "./report-tools.js";
export {
  GatehouseUnavailableError,
  getResourceMetadata,
  verifyCall,
  type GatehouseOptions,
  type CallDescription,
  type VerifyAnswer,
  type ReportedTool,
  type ResourceMetadata,
} from "./api.js";
export { gatehouseStdio, type GatehouseStdioOptions, type McpTransport } from "./stdio.js";
