import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("loadLibsvm", () => {
  it("loads once, without the wasm notice and without a process-exiting rejection handler", async () => {
    const warn = vi.spyOn(console, "warn");
    const listenersBefore = process.listeners("unhandledRejection").length;
    // Imported here, not at the top, so that the spy is in place before libsvm-js loads.
    const { loadLibsvm } = await import("../../../src/evaluate/classifiers/libsvm.js");
    const first = loadLibsvm();
    expect(loadLibsvm()).toBe(first);
    const SVM = await first;
    expect(typeof SVM).toBe("function");
    expect(SVM.KERNEL_TYPES.RBF).toBe("2");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const notices = warn.mock.calls.filter((args) => /wasm/.test(String(args[0])));
    expect(notices).toEqual([]);
    expect(process.listeners("unhandledRejection").length).toBe(listenersBefore);
  });
});
