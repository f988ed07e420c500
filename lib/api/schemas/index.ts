// The merchant API's objects as zod schemas, one file per resource (common.ts: what they share).
// Loading this loads every schema, so the registry the OpenAPI document reads holds them all.
export * from "./common";
export * from "./plans";
export * from "./customers";
export * from "./usage";
export * from "./holds";
export * from "./portal";
export * from "./webhooks";
export * from "./adjustments";
export * from "./records";
