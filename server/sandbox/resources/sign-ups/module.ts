import type { SandboxModule } from "../../core/module";
import { signUpControls } from "./controls";
import { signUpRoutes } from "./routes";
import { signUpTables } from "./tables";

/** Sign-ups: started and completed by test controls (no Frontend API), read and updated by the Backend API. */
export const signUpsModule: SandboxModule = {
  name: "sign-ups",
  surface: "backend",
  tables: signUpTables,
  routes: signUpRoutes,
  controls: signUpControls,
};
