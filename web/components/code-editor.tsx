import { useEffect, useRef, useState } from "preact/hooks";
import type { DocumentProblem, EditorHandle } from "./codemirror";
import { ErrorState, Skeleton } from "./states";
import "./code-editor.css";

export type { DocumentProblem, EditorHandle };

let loading: Promise<typeof import("./codemirror")> | undefined;
/** CodeMirror comes with the first editor shown (its own chunk), never with the panel's first load. */
const loadCodeMirror = () => {
  loading ??= import("./codemirror");
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
};
/** Each language is a chunk of its own: YAML's loads only for a YAML document. */
const loadLanguage = async (language: "json" | "yaml") =>
  language === "yaml" ? (await import("@codemirror/lang-yaml")).yaml() : (await import("@codemirror/lang-json")).json();

/**
 * A code editor for a JSON or YAML document: highlighting, line numbers, folding, search, and
 * the document's problem marked at its line as it is typed. `value` is the document; the person's
 * edits come back through `onChange` (a new `value` does not). The editor is created once; a new
 * language needs a new `key`.
 */
export function CodeEditor(props: {
  value: string;
  language: "json" | "yaml";
  onChange(text: string): void;
  check(text: string): DocumentProblem | undefined;
  /** The editable element's attributes: its label, description, test id (no id references: it is in a shadow root). */
  attributes: Record<string, string>;
  /** Set once the editor is ready, for "Go to error". */
  handle?: { current: EditorHandle | null };
  /** Ctrl/⌘+Enter, taken before the editor would insert a line. */
  onSubmit?(): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  // The editor lives longer than one render: it calls the latest props.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let alive = true;
    Promise.all([loadCodeMirror(), loadLanguage(latest.current.language)])
      .then(([{ createEditor }, language]) => {
        if (!alive || !host.current) return;
        editor.current = createEditor(host.current, {
          doc: latest.current.value,
          language,
          onChange: (text) => latest.current.onChange(text),
          check: (text) => latest.current.check(text),
          attributes: latest.current.attributes,
        });
        if (latest.current.handle) latest.current.handle.current = editor.current;
        setReady(true);
      })
      .catch((error: unknown) => alive && setFailed(error));
    return () => {
      alive = false;
      editor.current?.destroy();
      editor.current = null;
      if (latest.current.handle) latest.current.handle.current = null;
    };
  }, []);

  useEffect(() => editor.current?.setText(props.value), [props.value, ready]);

  return (
    <div
      class="code-editor"
      onKeyDownCapture={(event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && props.onSubmit) {
          event.preventDefault();
          event.stopPropagation();
          props.onSubmit();
        }
      }}
    >
      {failed !== null && <ErrorState error={failed} retry={() => window.location.reload()} />}
      {!ready && failed === null && (
        <div class="code-editor-loading" aria-busy="true">
          <Skeleton lines={12} />
        </div>
      )}
      <div ref={host} class="code-editor-host" />
    </div>
  );
}
