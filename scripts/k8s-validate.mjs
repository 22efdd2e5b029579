// Schema validation of the Kubernetes manifests in deploy/k8s against the Kubernetes API's own schemas,
// as compiled into the npm package kubernetes-models (generated from Kubernetes' OpenAPI document):
// types, required fields, enumerations and formats of every field. It does not reject fields the API
// does not have (the compiled schemas allow them). scripts/check-deploy.sh installs the package and runs
//   node scripts/k8s-validate.mjs NODE_MODULES_DIR deploy/k8s/*.yaml
// A manifest broken on purpose must fail too, so a validator that accepts everything is caught.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const { parseAllDocuments } = await load("yaml/dist/index.js");

// apiVersion → the package's module of that group and version ("v1" is the core group).
async function model(apiVersion, kind) {
  const path = apiVersion.includes("/") ? apiVersion : `v1`;
  const group = await load(`kubernetes-models/${path}/index.js`);
  return group[kind];
}

async function problems(document) {
  const { apiVersion, kind } = document;
  if (kind === "Kustomization") return null; // not an API object: read by kustomize, not the API server
  const Model = await model(apiVersion, kind);
  if (!Model) return [`${apiVersion} ${kind}: no such kind in the API`];
  try {
    new Model(document).validate();
    return [];
  } catch (error) {
    return [`${apiVersion} ${kind} ${document.metadata?.name ?? ""}: ${error.message}`];
  }
}

let failed = 0;
let checked = 0;
for (const file of files) {
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
    const document = parsed.toJS();
    if (!document) continue;
    const found = await problems(document);
    if (found === null) continue;
    checked++;
    if (found.length) {
      failed++;
      console.log(`FAILED  ${file}: ${found.join("; ")}`);
    } else {
      console.log(`ok      ${file}: ${document.apiVersion} ${document.kind} ${document.metadata?.name}`);
    }
  }
}

const broken = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "broken" },
  spec: { replicas: "three", selector: {}, template: { spec: { containers: [{ image: "x" }] } } } };
const refused = (await problems(broken)).length > 0;
console.log(`${refused ? "ok     " : "FAILED "} a Deployment with replicas "three" and a container without a name is refused`);
if (!refused) failed++;
if (checked === 0) failed++;
console.log(`k8s-validate: ${checked - Math.min(failed, checked)} valid, ${failed} failed`);
process.exit(failed ? 1 : 0);
