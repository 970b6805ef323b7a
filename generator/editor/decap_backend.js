// decap-server's file-system API for `compendium cms`, reachable only through the guard (decap_guard.py).
//
// decap-server's own entry point (dist/index.js) answers anyone who can reach its port, with any Host header.
// This starts the same middleware (dist/middlewares.js, registerLocalFs) on 127.0.0.1 at a port the system
// picks, answers only requests carrying the guard's secret, and writes the port to COMPENDIUM_BACKEND_PORT_FILE.
// Environment: DECAP_SERVER_DIR (the decap-server package), COMPENDIUM_GUARD_TOKEN, GIT_REPO_DIRECTORY, LOG_LEVEL.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const serverDir = process.env.DECAP_SERVER_DIR || '';
const token = Buffer.from(process.env.COMPENDIUM_GUARD_TOKEN || '', 'utf8');
const portFile = process.env.COMPENDIUM_BACKEND_PORT_FILE || '';
if (!serverDir || token.length < 32 || !portFile) {
  console.error('decap_backend.js: DECAP_SERVER_DIR, COMPENDIUM_GUARD_TOKEN and COMPENDIUM_BACKEND_PORT_FILE are required');
  process.exit(2);
}

const express = require(require.resolve('express', { paths: [serverDir] }));
const { registerLocalFs } = require(path.join(serverDir, 'dist', 'middlewares.js'));

const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  const given = Buffer.from(req.get('x-compendium-guard') || '', 'utf8');
  if (given.length !== token.length || !crypto.timingSafeEqual(given, token)) {
    res.status(403).json({ error: '只接受经 compendium cms 转来的请求 / only requests passed on by compendium cms are accepted' });
    return;
  }
  next();
});

registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || 'warn' }).then(() => {
  const server = app.listen(0, '127.0.0.1', () => {
    const temporary = `${portFile}.part`;
    fs.writeFileSync(temporary, String(server.address().port));
    fs.renameSync(temporary, portFile); // the guard never reads half a number
  });
});
