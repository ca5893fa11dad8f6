import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { preparePrivateDir, SandboxDataDirError } from "./data-dir";
import { startSandbox } from "./server";

const root = mkdtempSync(join(tmpdir(), "sandbox-data-dir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

async function withSandbox(dataDir: string, check: () => void): Promise<void> {
  const sandbox = await startSandbox({ port: 0, dataDir });
  try {
    check();
  } finally {
    await sandbox.close();
  }
}

describe("the sandbox's data files hold secret keys: only their owner may read them", () => {
  test("a new data directory is 0700 and the database with its -wal and -shm files 0600", async () => {
    const dir = join(root, "fresh", "nested");
    await withSandbox(dir, () => {
      expect(mode(dir)).toBe("700");
      expect(mode(join(root, "fresh"))).toBe("700");
      for (const suffix of ["", "-wal", "-shm"]) expect(mode(join(dir, `sandbox.db${suffix}`)), suffix).toBe("600");
    });
  });

  test("an existing 0755 directory with 0644 files (an older sandbox's) is fixed on start", async () => {
    const dir = join(root, "older");
    await withSandbox(dir, () => {});
    chmodSync(dir, 0o755);
    for (const suffix of ["", "-wal", "-shm"]) {
      const file = join(dir, `sandbox.db${suffix}`);
      // An older sandbox may have left its companions behind after a crash.
      if (suffix) writeFileSync(file, "", { flag: "a" });
      chmodSync(file, 0o644);
    }
    await withSandbox(dir, () => {
      expect(mode(dir)).toBe("700");
      for (const suffix of ["", "-wal", "-shm"]) expect(mode(join(dir, `sandbox.db${suffix}`)), suffix).toBe("600");
    });
  });

  test("a path that cannot be a directory fails at once with the reason", () => {
    // Node's recursive mkdir never returns on /proc; this must.
    expect(() => preparePrivateDir("/proc/nope/x")).toThrow(SandboxDataDirError);
    expect(() => preparePrivateDir("/proc/nope/x")).toThrow(/\/proc\/nope\/x.*ENOENT/);
    const file = join(root, "a-file");
    writeFileSync(file, "");
    expect(() => preparePrivateDir(join(file, "below"))).toThrow(/ENOTDIR/);
    expect(() => preparePrivateDir(file)).toThrow(/not a directory/);
  });
});
