/** The operator's login form (Bull Board, the development outbox in production). */
export function operatorLoginPage(error?: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Operator login · Helpdesk jobs</title>
    <style>
      body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; background: #f4f5f7; }
      form { background: white; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: 22rem; }
      h1 { font-size: 1.2rem; margin-top: 0; }
      input, button { width: 100%; box-sizing: border-box; padding: .6rem; margin-top: .5rem; font-size: 1rem; }
      button { background: #1d4ed8; color: white; border: 0; border-radius: 4px; cursor: pointer; }
      .error { color: #b91c1c; }
    </style>
  </head>
  <body>
    <form method="post" action="/admin/login">
      <h1>Helpdesk job dashboard</h1>
      <p>Platform operators only. Enter the operator token (<code>OPERATOR_TOKEN</code>).</p>
      ${error ? `<p class="error">${error}</p>` : ""}
      <label for="token">Operator token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" required autofocus />
      <button type="submit">Log in</button>
    </form>
  </body>
</html>`;
}
