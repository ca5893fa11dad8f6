/**
 * CodeMirror, set up for the panel's document editors. Loaded on demand (see code-editor.tsx):
 * its own chunk, so the panel's first load does not carry it.
 */
import { HighlightStyle, type LanguageSupport, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, linter, lintGutter } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import { basicSetup, EditorView } from "codemirror";

/** Where a document is broken: an offset into it and why. */
export interface DocumentProblem {
  offset: number;
  message: string;
}

export interface EditorOptions {
  doc: string;
  /** The document's language (`json()` or `yaml()`, each loaded on its own). */
  language: LanguageSupport;
  onChange(text: string): void;
  /** Checks the text as it is typed: its problem is marked at its line (gutter and underline). */
  check(text: string): DocumentProblem | undefined;
  /** On the editable element: its accessible name and description, a test id. */
  attributes: Record<string, string>;
}

export interface EditorHandle {
  setText(text: string): void;
  /** Puts the cursor at an offset (the problem's), scrolled into view. */
  focusAt(offset: number): void;
  destroy(): void;
}

/** Colours from the panel's own theme variables, so light and dark both read well. */
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--accent)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--success)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--warning)" },
  { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], color: "var(--muted)" },
  { tag: tags.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: tags.invalid, color: "var(--danger)" },
]);

const theme = EditorView.theme({
  "&": {
    color: "var(--text)",
    backgroundColor: "var(--surface)",
    fontSize: "13px",
    height: "var(--editor-height, 420px)",
  },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "-1px" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--text)" },
  ".cm-cursor": { borderLeftColor: "var(--text)" },
  ".cm-gutters": { backgroundColor: "var(--bg)", color: "var(--muted)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--selected) 45%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--selected)", color: "var(--text)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in srgb, var(--accent) 30%, transparent) !important",
  },
  ".cm-matchingBracket": { backgroundColor: "var(--selected)", outline: "1px solid var(--border)" },
  ".cm-tooltip": { backgroundColor: "var(--surface)", color: "var(--text)", border: "1px solid var(--border)" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--danger)" },
  ".cm-lintRange-error": { textDecorationColor: "var(--danger)" },
  ".cm-panels": { backgroundColor: "var(--bg)", color: "var(--text)" },
});

export function createEditor(parent: HTMLElement, options: EditorOptions): EditorHandle {
  const diagnostics = (view: EditorView): Diagnostic[] => {
    const text = view.state.doc.toString();
    const problem = options.check(text);
    if (!problem) return [];
    const from = Math.min(problem.offset, text.length);
    return [{ from, to: Math.min(from + 1, text.length), severity: "error", message: problem.message }];
  };
  // Text set from outside (a reload) is not an edit of the person's: it is not reported back.
  let replacing = false;
  // In a shadow root CodeMirror's styles are constructed stylesheets: the panel's CSP (style-src
  // 'self') refuses the <style> elements it would add to the document. Theme variables inherit.
  const root = parent.shadowRoot ?? parent.attachShadow({ mode: "open" });
  const view = new EditorView({
    parent: root,
    root,
    doc: options.doc,
    extensions: [
      basicSetup,
      options.language,
      syntaxHighlighting(highlight),
      theme,
      linter(diagnostics, { delay: 150 }),
      lintGutter(),
      EditorView.contentAttributes.of((view: EditorView) => ({
        ...options.attributes,
        // Already in the tab order (contenteditable); said outright so checkers see the scroller holds focusable content.
        tabindex: "0",
        "aria-multiline": "true",
        "aria-invalid": options.check(view.state.doc.toString()) ? "true" : "false",
      })),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !replacing) options.onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    setText(text) {
      if (text === view.state.doc.toString()) return;
      replacing = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        replacing = false;
      }
    },
    focusAt(offset) {
      const at = Math.min(offset, view.state.doc.length);
      view.dispatch({ selection: { anchor: at, head: Math.min(at + 1, view.state.doc.length) }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
