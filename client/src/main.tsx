// Entry point of the Rollbook client inside the Jira iframe; the UI lands with the client issue.
const root = document.getElementById("root");
if (root) root.textContent = "Rollbook";
