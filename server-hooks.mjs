// Loaded before server.ts (package.json's start script). server.ts and everything it imports run
// in the server process, so "server-only" resolves as it does in Next's server bundles: to its
// react-server export, an empty module, instead of throwing. No other module resolves differently.
import { register } from "node:module";

const resolveServerOnly = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;
register(`data:text/javascript,${encodeURIComponent(resolveServerOnly)}`);
