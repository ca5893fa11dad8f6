/** A documented shell line, split the way a POSIX shell would for the few forms the documents use. */
export interface CommandLine {
  /** The arguments after `clerk`. */
  args: string[];
  /** What is piped into clerk: `cat FILE |` (a file of the line's directory) or `echo 'TEXT' |`. */
  stdin?: { file: string } | { text: string };
}

type Token = { word: string } | { op: "|" | ">" | ">>" };

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word: string | undefined;
  const flush = () => {
    if (word !== undefined) tokens.push({ word });
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (/\s/.test(c)) {
      flush();
    } else if (c === "|" || c === ">") {
      flush();
      if (c === ">" && line[i + 1] === ">") {
        tokens.push({ op: ">>" });
        i++;
      } else tokens.push({ op: c });
    } else {
      word = (word ?? "") + c;
    }
  }
  flush();
  return tokens;
}

/** Parses `[cat F | | echo 'T' |] clerk ARGS… [> file] [| anything]`. */
export function parseCommandLine(line: string): CommandLine {
  const tokens = tokenize(line);
  const stages: string[][] = [[]];
  let redirecting = false;
  for (const token of tokens) {
    if ("op" in token) {
      if (token.op === "|") {
        stages.push([]);
        redirecting = false;
      } else redirecting = true;
      continue;
    }
    if (redirecting) {
      redirecting = false;
      continue;
    }
    stages[stages.length - 1]?.push(token.word);
  }
  const at = stages.findIndex((stage) => stage[0] === "clerk");
  if (at < 0) throw new Error(`not a clerk command line: ${line}`);
  const result: CommandLine = { args: (stages[at] as string[]).slice(1) };
  const feeder = stages[at - 1];
  if (feeder?.[0] === "cat" && feeder[1]) result.stdin = { file: feeder[1] };
  else if (feeder?.[0] === "echo") result.stdin = { text: `${feeder.slice(1).join(" ")}\n` };
  else if (feeder) throw new Error(`unsupported pipe into clerk: ${line}`);
  return result;
}
