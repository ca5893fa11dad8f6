import { z } from "zod";
import { defineCommand } from "../command";
import { COMPLETION_SCRIPTS, SHELLS } from "../completion/scripts";

export const completionCommand = defineCommand({
  id: "completion",
  summary: "Print the shell completion script for bash, zsh, fish or PowerShell",
  description:
    "Completes command words (abbreviations and aliases too), options and option values. The script asks " +
    "`clerk` for the candidates, so it keeps up with upgrades and new aliases.\n\n" +
    "  bash:  echo 'source <(clerk completion bash)' >> ~/.bashrc\n" +
    "  zsh:   echo 'source <(clerk completion zsh)' >> ~/.zshrc   (after compinit)\n" +
    "  fish:  clerk completion fish > ~/.config/fish/completions/clerk.fish\n" +
    "  PowerShell:  clerk completion powershell | Out-String | Invoke-Expression   (add it to $PROFILE)",
  input: z.object({ shell: z.enum(SHELLS).describe("Shell: bash, zsh, fish or powershell") }),
  positionals: ["shell"],
  examples: [
    "clerk completion bash",
    "clerk completion zsh > ~/.zfunc/_clerk",
    "clerk completion fish | source",
    "clerk completion powershell | Out-String | Invoke-Expression",
  ],
  async run(input) {
    process.stdout.write(COMPLETION_SCRIPTS[input.shell]);
  },
});
