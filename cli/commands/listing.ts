import type { CommandSpec } from "../command";

let lister: (() => Promise<readonly CommandSpec[]>) | undefined;

/**
 * Every command, for the few commands that look at the others (`config alias add` checks a name
 * is free, `skill install` describes them all). main.ts provides the list, so those commands do
 * not import the command table that loads them (no import runs in a circle).
 */
export function provideCommandList(list: () => Promise<readonly CommandSpec[]>): void {
  lister = list;
}

export function everyCommand(): Promise<readonly CommandSpec[]> {
  if (!lister) throw new Error("The command list was not provided (main.ts provides it before running a command).");
  return lister();
}
