// Validates a Forge manifest offline with Atlassian's own validators (@forge/manifest's
// FullValidationProcessor, the ones `forge lint` runs before its code-level scope checks).
// Usage: node scripts/validate-manifest.cjs [path/to/manifest.yml]
// Prints {"success": bool, "problems": [{level, message, line}]} and exits 0, so the caller
// decides; a crash of the validator itself exits 2.
const path = require("node:path");
const { FullValidationProcessor } = require("@forge/manifest");

async function main() {
  const manifest = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "manifest.yml"));
  // The validator resolves resource folders relative to the working directory, as the CLI does.
  process.chdir(path.dirname(manifest));
  const result = await new FullValidationProcessor({}).process(path.basename(manifest));
  const problems = (result.errors ?? []).map(({ level, message, line }) => ({ level, message, line }));
  process.stdout.write(JSON.stringify({ success: result.success, problems }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(2);
});
