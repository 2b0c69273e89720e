import type { ApolloServerPlugin } from '@apollo/server';

/**
 * GraphiQL served from this server's own assets (no CDN): the Métropole's
 * network may not reach one. Shown on GET /graphql from a browser.
 */
export function graphiqlLandingPage(): ApolloServerPlugin {
  return {
    serverWillStart() {
      return Promise.resolve({ renderLandingPage: () => Promise.resolve({ html: GRAPHIQL_HTML }) });
    },
  };
}

const DEFAULT_QUERY = `# Bienvenue dans Lexique. Exemple :
{
  concept(code: "TER-33167") {
    code
    prefLabel
    definition
    domain { code label }
  }
  domains { code label conceptCount }
}
`;

const GRAPHIQL_HTML = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Lexique — GraphiQL</title>
  <link rel="stylesheet" href="/ide/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Chargement de GraphiQL…</div>
  <script src="/ide/react.production.min.js"></script>
  <script src="/ide/react-dom.production.min.js"></script>
  <script src="/ide/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }),
    );
  </script>
</body>
</html>`;
