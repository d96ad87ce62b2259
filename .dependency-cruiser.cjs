/**
 * The layering the code keeps (docs/architecture.md): routes and features on top, then the domains,
 * then app/lib, then db. A domain is entered through its front door (index.ts for pure rules,
 * index.server.ts for what touches the database or the network); only its own files reach inside.
 * `npm run lint` runs this; 0 violations is the bar.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules in a cycle load in an order nobody chose. Break it: a job, a parameter, or a rule moved down a layer.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-not-up",
      severity: "error",
      comment: "A domain knows nothing of the surfaces, routes, HTTP or the worker that use it.",
      from: { path: "^app/domain/" },
      to: { path: "^app/(features|routes|components|http|root\\.tsx|entry\\.server|server\\.ts|start\\.ts|worker\\.server)" },
    },
    {
      name: "lib-not-up",
      severity: "error",
      comment: "app/lib is shared below every domain: it imports only db/ and packages.",
      from: { path: "^app/lib/" },
      to: { path: "^app/(domain|features|routes|components|http)/" },
    },
    {
      name: "db-not-up",
      severity: "error",
      comment: "The schema and the database client are the bottom layer.",
      from: { path: "^db/(schema|client)" },
      to: { path: "^app/" },
    },
    {
      name: "domain-front-door-from-domain",
      severity: "error",
      comment: "Another domain is entered through its index.ts / index.server.ts, never a file inside it.",
      from: { path: "^app/domain/([^/]+)/" },
      to: { path: "^app/domain/[^/]+/", pathNot: ["^app/domain/$1/", "^app/domain/[^/]+/index(\\.server)?\\.tsx?$"] },
    },
    {
      name: "domain-front-door",
      severity: "error",
      comment: "Routes, features and shared code enter a domain through its index.ts / index.server.ts.",
      from: { path: "^app/", pathNot: ["^app/domain/", "\\.test\\.tsx?$"] },
      to: { path: "^app/domain/[^/]+/", pathNot: "^app/domain/[^/]+/index(\\.server)?\\.tsx?$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
