import { expect, test } from "vitest";
import { AREAS } from "./areas";

test.each(AREAS.map((area) => [area.area, area] as const))(
  "the %s area's actions each start with one of its command words",
  async (_, area) => {
    const actions = await area.load();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(area.words as readonly string[]).toContain(action.id.split(".")[0]);
  },
);

test("no command word names two areas", () => {
  const words = AREAS.flatMap((area) => area.words);
  expect(new Set(words).size).toBe(words.length);
});
