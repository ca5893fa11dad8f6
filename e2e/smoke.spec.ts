import { atPath, expect, test } from "./support/panel";

test("the panel opens from the launch link and shows the sandbox's users", async ({ signedIn, panel }) => {
  await expect(signedIn.getByTestId("sandbox-badge")).toBeVisible();
  await expect(signedIn).toHaveURL(atPath(panel, "/users"));
});
