import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustProxySetting } from "./client-address";

describe("clientAddress", () => {
  it("reads only the address the server recorded, normalised", () => {
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "::ffff:198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "2001:DB8::1" }))).toBe("2001:db8::1");
  });

  it("never believes what a client wrote itself, and is null for anything that is not an address", () => {
    expect(clientAddress(new Headers({ "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9" }))).toBeNull();
    expect(clientAddress(new Headers())).toBeNull();
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "<script>" }))).toBeNull();
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "1".repeat(65) }))).toBeNull();
  });
});

describe("trustProxySetting", () => {
  it("trusts no proxy unless told, then true, a hop count or a list", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("true")).toBe(true);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("loopback, 10.0.0.0/8")).toBe("loopback, 10.0.0.0/8");
  });
});
