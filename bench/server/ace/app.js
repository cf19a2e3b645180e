// The request Rollbook's GET /api/reports/{id} serves, as a minimal atlassian-connect-express app
// would serve it: the context JWT checked by ACE's own middleware (`addon.checkValidToken()`,
// which looks the tenant up in ACE's store and verifies HS256 on every request), then one stored
// row read from ACE's store and sent as JSON. No access log (ACE has none by default).
//
// Env: PORT; ACE_STORE = "sqlite" (a file, ACE_SQLITE_FILE), "memory" (ACE's default store, an
// in-memory SQLite database) or "postgres" (DB_URL, read by ACE's sequelize adapter); ACE_SEED_FILE = JSON {clientInfo, reports: {id: document}} written to the
// store before listening.
process.env.NODE_ENV = "production";

const fs = require("fs");
const express = require("express");
const ace = require("atlassian-connect-express");

const storeConfigs = {
  // ACE's default store: sequelize on an in-memory SQLite database.
  memory: { adapter: "sequelize", type: "memory", logging: false },
  sqlite: {
    adapter: "sequelize",
    dialect: "sqlite",
    storage: process.env.ACE_SQLITE_FILE,
    logging: false
  },
  postgres: { adapter: "sequelize", dialect: "postgres", url: process.env.DB_URL, logging: false }
};
const storeConfig = storeConfigs[process.env.ACE_STORE || "sqlite"];

const app = express();
app.use(express.json());
const addon = ace(app, { config: { production: { store: storeConfig } } });

app.get("/api/reports/:id", addon.checkValidToken(), async (req, res) => {
  const report = await addon.settings.get(`report:${req.params.id}`, res.locals.clientKey);
  if (!report) {
    res.status(404).json({ error: { code: "report_not_found", message: "no such report" } });
    return;
  }
  res.set("ETag", `"${report.version}"`).json(report);
});

async function seed() {
  const file = process.env.ACE_SEED_FILE;
  if (!file) return;
  const { clientInfo, reports } = JSON.parse(fs.readFileSync(file, "utf8"));
  await addon.settings.set("clientInfo", clientInfo, clientInfo.clientKey);
  for (const [id, document] of Object.entries(reports)) {
    await addon.settings.set(`report:${id}`, document, clientInfo.clientKey);
  }
}

seed().then(() => {
  const port = Number(addon.config.port());
  app.listen(port, "127.0.0.1", () => console.log(`ace listening on ${port}`));
});
