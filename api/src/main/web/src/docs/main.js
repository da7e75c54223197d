// The API reference at /api-docs: Swagger UI over the document the API serves at /openapi.json, bundled
// from npm like the dashboard, so it needs no internet and passes the same Content-Security-Policy.
import SwaggerUIBundle from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";

SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#docs",
  deepLinking: true,
  // "Try it out" signs requests with the token or key entered under Authorize; it is kept only in
  // this page's memory.
  persistAuthorization: false,
  tryItOutEnabled: false,
  displayRequestDuration: true,
});
