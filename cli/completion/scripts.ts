export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
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

// The fish answer's lines (value, tab, description) are what a CompletionResult needs.
const POWERSHELL = `# clerk completion for PowerShell. Load it:  clerk completion powershell | Out-String | Invoke-Expression
# (or add that line to $PROFILE)
Register-ArgumentCompleter -Native -CommandName clerk -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $PSNativeCommandArgumentPassing = 'Standard'
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 |
        Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq '') { $words += '' }
    clerk __complete fish -- @words 2>$null | ForEach-Object {
        $value, $description = $_ -split "\`t", 2
        if (-not $description) { $description = $value }
        [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $description)
    }
}
`;

export const COMPLETION_SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL };
