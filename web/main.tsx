import { render } from "preact";
import { App } from "./app";
import { applyTheme } from "./components/theme";
import "./styles.css";

applyTheme();
render(<App />, document.getElementById("app") as HTMLElement);
