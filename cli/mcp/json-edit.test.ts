import { describe, expect, test } from "vitest";
import { JsonEditError, parseJsonc, removeMember, setMember, valueAt } from "./json-edit";

const entry = { command: "clerk", args: ["mcp", "run"] };

describe("editing one member of a JSON config in place", () => {
  test("an empty or missing file becomes the nested object", () => {
    expect(setMember("", ["mcpServers"], "clerk", entry)).toBe(
      `${JSON.stringify({ mcpServers: { clerk: entry } }, null, 2)}\n`,
    );
  });

  test("a new server goes after the others, in the file's indentation; the rest is unchanged", () => {
    const before = '{\n    "theme": "dark",\n    "mcpServers": {\n        "other": { "command": "x" }\n    }\n}\n';
    const after = setMember(before, ["mcpServers"], "clerk", entry);
    expect(after).toBe(
      '{\n    "theme": "dark",\n    "mcpServers": {\n        "other": { "command": "x" },\n        "clerk": {\n' +
        '            "command": "clerk",\n            "args": [\n                "mcp",\n                "run"\n' +
        "            ]\n        }\n    }\n}\n",
    );
    expect(JSON.parse(after)).toEqual({ theme: "dark", mcpServers: { other: { command: "x" }, clerk: entry } });
  });

  test("a missing servers object is added to the root; an empty one is filled", () => {
    expect(JSON.parse(setMember('{\n  "a": 1\n}', ["mcpServers"], "clerk", entry))).toEqual({
      a: 1,
      mcpServers: { clerk: entry },
    });
    expect(setMember('{\n  "servers": {}\n}\n', ["servers"], "clerk", { a: 1 })).toBe(
      '{\n  "servers": {\n    "clerk": {\n      "a": 1\n    }\n  }\n}\n',
    );
    expect(setMember("{}", ["servers"], "clerk", 1)).toBe('{\n  "servers": {\n    "clerk": 1\n  }\n}');
    expect(setMember('{"a": 1}', [], "b", [2])).toBe('{"a": 1, "b": [2]}');
  });

  test("an existing entry's value is replaced, nothing else", () => {
    const before = '{\n  "mcpServers": {\n    "clerk": { "command": "old" },\n    "z": 1\n  }\n}\n';
    const after = setMember(before, ["mcpServers"], "clerk", { command: "new" });
    expect(after).toBe('{\n  "mcpServers": {\n    "clerk": {\n      "command": "new"\n    },\n    "z": 1\n  }\n}\n');
  });

  test("JSONC (VS Code's mcp.json): comments and trailing commas survive", () => {
    const before =
      '// user MCP servers\n{\n  "servers": {\n    /* mine */\n    "memory": { "command": "npx" }, // kept\n  },\n  "inputs": [],\n}\n';
    const after = setMember(before, ["servers"], "clerk", { type: "stdio" });
    expect(after).toContain("// user MCP servers");
    expect(after).toContain("/* mine */");
    expect(after).toContain('"memory": { "command": "npx" },\n    "clerk": {\n      "type": "stdio"\n    }, // kept');
    expect(valueAt(after, ["servers", "clerk"])).toEqual({ type: "stdio" });
    expect(removeMember(after, ["servers"], "clerk")).toBe(before);
  });

  test("removing a member takes its comma with it, wherever it is", () => {
    const three = '{\n  "s": {\n    "a": 1,\n    "b": 2,\n    "c": 3\n  }\n}\n';
    expect(removeMember(three, ["s"], "a")).toBe('{\n  "s": {\n    "b": 2,\n    "c": 3\n  }\n}\n');
    expect(removeMember(three, ["s"], "b")).toBe('{\n  "s": {\n    "a": 1,\n    "c": 3\n  }\n}\n');
    expect(removeMember(three, ["s"], "c")).toBe('{\n  "s": {\n    "a": 1,\n    "b": 2\n  }\n}\n');
    expect(removeMember('{\n  "s": {\n    "a": 1\n  }\n}', ["s"], "a")).toBe('{\n  "s": {}\n}');
    expect(removeMember(three, ["s"], "missing")).toBe(three);
    expect(removeMember(three, ["nope"], "a")).toBe(three);
  });

  test("strings with braces, escapes and numbers parse; broken files are refused with the line", () => {
    const tricky = '{"a": "}{\\"", "n": -1.5e3, "t": true, "z": null, "l": [1, {"b": "]"}]}';
    expect(parseJsonc(tricky).value).toEqual(JSON.parse(tricky));
    expect(() => parseJsonc('{\n  "a": 1\n  "b": 2\n}')).toThrow(new JsonEditError("expected ',' or '}' at line 3"));
    expect(() => setMember("[1]", ["s"], "a", 1)).toThrow(JsonEditError);
    expect(() => setMember('{"s": 1}', ["s"], "a", 1)).toThrow(/"s" is not a JSON object/);
  });
});
