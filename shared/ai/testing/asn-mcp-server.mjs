#!/usr/bin/env node
// A small MCP tool server over stdio for tests: looks up the autonomous system (AS) numbers of
// a few well-known networks, the kind of fact a model must not guess when writing a rule.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const NETWORKS = [
  { organization: "Cloudflare, Inc.", names: ["cloudflare"], asn: 13335 },
  { organization: "DigitalOcean, LLC", names: ["digitalocean", "digital ocean"], asn: 14061 },
  { organization: "Hetzner Online GmbH", names: ["hetzner"], asn: 24940 },
  { organization: "OVH SAS", names: ["ovh", "ovhcloud"], asn: 16276 },
  { organization: "Amazon.com, Inc. (AWS)", names: ["amazon", "aws"], asn: 16509 },
];

const server = new McpServer({ name: "asn-lookup", version: "1.0.0" });

server.registerTool(
  "lookup_asn",
  {
    description: "Finds the autonomous system number (ASN) an organisation announces its IP addresses from",
    inputSchema: { organization: z.string().describe("Organisation or network name, e.g. Cloudflare") },
  },
  async ({ organization }) => {
    const wanted = organization.toLowerCase();
    const found = NETWORKS.find((network) => network.names.some((name) => wanted.includes(name)));
    if (!found) return { content: [{ type: "text", text: `No AS known for "${organization}".` }], isError: true };
    return { content: [{ type: "text", text: JSON.stringify({ organization: found.organization, asn: found.asn }) }] };
  },
);

await server.connect(new StdioServerTransport());
