// Loads the `yaml` package (ESM, vendored from npm) and hands it to civplan-cms.js as
// window.YAML: the page's Content-Security-Policy allows scripts from this site only, so the
// module is a file, not an inline script.
import * as YAML from "./dist/index.js";

window.YAML = YAML;
