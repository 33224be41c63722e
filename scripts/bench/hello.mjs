// The baseline: the plainest node:http server there is.
import { createServer } from "node:http";

const body = JSON.stringify({ hello: "world" });
createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.argv[2]), "127.0.0.1");
