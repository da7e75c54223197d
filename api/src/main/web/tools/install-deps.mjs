// Runs `npm ci` only when package-lock.json changed since the last install, so a second Maven build
// reuses node_modules instead of deleting and reinstalling it (npm ci always starts from scratch).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const lock = readFileSync("package-lock.json");
const digest = createHash("sha256").update(lock).digest("hex");
const stamp = "node_modules/.kpi-lock-sha256";

if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === digest) {
    console.log("web: node_modules matches package-lock.json, no install");
} else {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    execFileSync(npm, ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { stdio: "inherit" });
    writeFileSync(stamp, digest + "\n");
}
