import { describe, expect, it, vi } from "vitest";
import type { ConnectAp } from "../../src/host/connectHost";
import { startHost } from "../../src/host/startHost";

// Records whether the Forge module (the only one importing @forge/bridge) was ever loaded.
const loaded = vi.hoisted(() => ({ forgeModule: 0 }));
vi.mock("../../src/host/forgeStart", () => {
  loaded.forgeModule++;
  return { startForgeHost: async () => ({ kind: "forge" }) };
});

const ap = { request: () => undefined, context: { getToken: () => undefined, getContext: () => undefined } } as unknown as ConnectAp;

describe("startHost", () => {
  it("uses Connect when the frame has AP, without loading anything of Forge", async () => {
    expect((await startHost({ AP: ap }))?.kind).toBe("connect");
    expect(loaded.forgeModule).toBe(0);
  });

  it("waits for a late AP", async () => {
    const frame: { AP?: ConnectAp } = {};
    setTimeout(() => (frame.AP = ap), 30);
    expect((await startHost(frame, 1000))?.kind).toBe("connect");
  });

  it("finds no host outside Jira", async () => {
    expect(await startHost({}, 30)).toBeNull();
    expect(loaded.forgeModule).toBe(0);
  });

  it("loads the Forge host when the frame has Forge's bridge", async () => {
    expect((await startHost({ __bridge: { callBridge: () => undefined }, AP: ap }))?.kind).toBe("forge");
    expect(loaded.forgeModule).toBe(1);
  });
});
