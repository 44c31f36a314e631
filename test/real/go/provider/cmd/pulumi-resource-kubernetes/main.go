// Command pulumi-resource-kubernetes serves the Pulumi Kubernetes provider of the pinned module. The two embedded
// files are generated at build time (scripts/real/build.ts) from the module's schema.json and terraform-mapping.json,
// the schema with its version set, as the provider's own generate step does; they are not committed.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
