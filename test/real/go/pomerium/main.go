// Command pomerium-check checks a Pomerium configuration file with Pomerium's own code (v0.32.0's config and policy
// packages): the file loads as Pomerium loads it at start (decode hooks, Options.Validate), no key is unknown (which
// Pomerium only logs), and every route's policy compiles to the rego Pomerium evaluates. Given a users file, it
// prints Pomerium's own allow/deny for each user on each route.
//
// Usage: pomerium-check <config.yaml> [<users.json>]
// Secrets come from the environment, as for Pomerium (SHARED_SECRET, COOKIE_SECRET, IDP_CLIENT_SECRET, ...).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/pomerium/pomerium/config"
	"github.com/spf13/viper"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: pomerium-check <config.yaml> [<users.json>]")
		os.Exit(2)
	}
	out, err := check(os.Args[1], os.Args[2:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}

type result struct {
	Routes    int        `json:"routes"`
	Decisions []decision `json:"decisions,omitempty"`
}

func check(file string, users []string) (*result, error) {
	if err := unknownKeys(file); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src, err := config.NewFileOrEnvironmentSource(ctx, file, "")
	if err != nil {
		return nil, err
	}
	options := src.GetConfig().Options
	routes := []*config.Policy{}
	for p := range options.GetAllPolicies() {
		routes = append(routes, p)
	}
	if len(routes) == 0 {
		return nil, fmt.Errorf("no route")
	}
	compiled, err := compile(ctx, routes)
	if err != nil {
		return nil, err
	}
	out := &result{Routes: len(routes)}
	if len(users) == 1 {
		out.Decisions, err = decide(ctx, compiled, users[0])
	}
	return out, err
}

// unknownKeys decodes the file as Pomerium does and refuses what it would only log: keys no option reads.
func unknownKeys(file string) error {
	v := viper.New()
	v.SetConfigFile(file)
	if err := v.ReadInConfig(); err != nil {
		return err
	}
	var metadata mapstructure.Metadata
	options := config.NewDefaultOptions()
	if err := v.Unmarshal(options, config.ViperPolicyHooks, func(c *mapstructure.DecoderConfig) {
		c.Metadata = &metadata
	}); err != nil {
		return err
	}
	problems := []string{}
	for _, m := range config.CheckUnknownConfigFields(metadata.Unused) {
		problems = append(problems, fmt.Sprintf("%s: %s", m.Key, m.FieldCheckMsg))
	}
	if len(problems) > 0 {
		return fmt.Errorf("keys Pomerium does not read: %s", strings.Join(problems, "; "))
	}
	return nil
}
