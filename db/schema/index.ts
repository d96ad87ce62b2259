export * from "./catalog";
export * from "./artisans";
export * from "./inventory";
export * from "./commerce";
export * from "./factory";
export * from "./wholesale";
export * from "./platform";
export * from "./relations";
