// The baseline: React and nothing else.
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root") as HTMLElement).render(<div>Rollbook</div>);
