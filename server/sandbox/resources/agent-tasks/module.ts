import type { SandboxModule } from "../../core/module";
import { agentTaskControls } from "./controls";
import { agentTaskRoutes } from "./routes";
import { agentTaskTables } from "./tables";

/** Agent tasks (tickets an agent uses to act as a user); a test control accepts them. */
export const agentTasksModule: SandboxModule = {
  name: "agent-tasks",
  surface: "backend",
  tables: agentTaskTables,
  routes: agentTaskRoutes,
  controls: agentTaskControls,
};
