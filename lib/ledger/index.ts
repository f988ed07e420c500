export * from "./assets";
export * from "./types";
export * from "./apply";
export * from "./balance";
export * from "./invariants";
