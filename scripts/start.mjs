// `npm start`: runs the Guichet server on the embedded store with demo data.
// Until the server lands (issue 3), it says what exists and exits cleanly.
console.log(`Guichet — what is built so far:
  @guichet/sdk      schemas and rules (npm run build, npm run docs -> docs/api/)
  @guichet/widgets  base element; the elements come with the widget issues
  The server (\`guichet serve\` on PGlite with demo data) is not built yet.`);
