// Regenerates the Terraform 1.x plan fixtures in test/fixtures/plans with real Terraform against moto: `npx tsx scripts/plan-fixtures.ts`.
// Each scenario is a root under scripts/plan-fixtures/; a plan of a change applies the "before" first, then plans with -var
// (or without a file). Needs what `npm run test:terraform` needs (terraform, the provider mirror, moto); see .ci/run.
import { rmSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { startMoto } from "../e2e/terraform/harness/moto.js";
import { prepareRoot, type Terraform } from "../e2e/terraform/harness/terraform.js";

const HERE = join(import.meta.dirname, "plan-fixtures");
const OUT = join(import.meta.dirname, "../test/fixtures/plans");

function save(name: string, plan: unknown): void {
  writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(plan, null, 2)}\n`);
  console.log(`wrote test/fixtures/plans/${name}.json`);
}

async function scenario(root: string, run: (tf: Terraform) => Promise<void>): Promise<void> {
  const moto = await startMoto();
  try {
    await run(await prepareRoot(join(HERE, root), moto.url, { withProvider: true }));
  } finally {
    await moto.close();
  }
}

await Promise.all([
  scenario("new-aurora-cluster", async (tf) => save("new-aurora-cluster", await tf.planJson())),
  scenario("orders", async (tf) => {
    await tf.apply();
    save("protection-downgrade", await tf.planJson(["-var", "retention=1", "-var", "deletion_protection=false"]));
    save("writer-resize-apply-immediately", await tf.planJson(["-var", "writer_class=db.r6g.2xlarge", "-var", "apply_immediately=true"]));
    save("cluster-replacement", await tf.planJson(["-var", "master_username=dbadmin"]));
    const readerC = join(tf.dir, "reader-c.tf");
    copyFileSync(readerC, `${readerC}.kept`);
    rmSync(readerC);
    save("reader-removal", await tf.planJson());
    copyFileSync(`${readerC}.kept`, readerC);
  }),
  scenario("modules", async (tf) => {
    await tf.apply();
    save("modules-count-for-each", await tf.planJson(["-var", 'search_instances={a={az="us-east-1a"},b={az="us-east-1a"},c={}}']));
  }),
]);
