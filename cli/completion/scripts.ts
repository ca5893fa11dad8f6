export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/*
 * Each script is a thin hook: the shell passes the words typed so far to `clerk __complete`,
 * which answers from the command manifest (no command code or schemas load), so completion
 * follows upgrades and aliases without regenerating the script.
 */

const BASH = `# clerk completion for bash. Add to ~/.bashrc:  source <(clerk completion bash)
_clerk_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(clerk __complete bash -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _clerk_complete clerk
`;

const ZSH = `#compdef clerk
# clerk completion for zsh. Add to ~/.zshrc (after compinit):  source <(clerk completion zsh)
_clerk() {
  local -a candidates
  candidates=("\${(@f)$(clerk __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=(\${candidates:#})
  if (( \${#candidates} )); then
    _describe -t clerk clerk candidates
  else
    _files
  fi
}
if (( $+functions[compdef] )); then
  compdef _clerk clerk
fi
`;

const FISH = `# clerk completion for fish. Load it:  clerk completion fish | source
# (or save it as ~/.config/fish/completions/clerk.fish)
function __clerk_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l current (commandline -ct)
    clerk __complete fish -- $tokens "$current" 2>/dev/null
end
complete -c clerk -f -a '(__clerk_complete)'
`;

export const COMPLETION_SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };
