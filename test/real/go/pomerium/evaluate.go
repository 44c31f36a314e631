package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/open-policy-agent/opa/ast"
	"github.com/open-policy-agent/opa/rego"
	"github.com/open-policy-agent/opa/types"
	"github.com/pomerium/pomerium/config"
	"github.com/pomerium/pomerium/pkg/grpc/databroker"
	"github.com/pomerium/pomerium/pkg/grpc/session"
	"github.com/pomerium/pomerium/pkg/grpc/user"
	"github.com/pomerium/pomerium/pkg/policy"
	"github.com/pomerium/pomerium/pkg/policy/criteria"
	"github.com/pomerium/pomerium/pkg/storage"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
)

type route struct {
	from  string
	query rego.PreparedEvalQuery
}

// compile turns each route's policy into Pomerium's rego (Policy.ToPPL, policy.GenerateRegoFromPolicy) and prepares
// it with the options Pomerium's policy evaluator uses (authorize/evaluator/policy_evaluator.go): an unknown
// criterion or a malformed rule fails here.
func compile(ctx context.Context, routes []*config.Policy) ([]route, error) {
	out := []route{}
	for _, r := range routes {
		if len(r.SubPolicies) > 0 {
			return nil, fmt.Errorf("route %s: custom rego sub-policies are not checked", r.From)
		}
		script, err := policy.GenerateRegoFromPolicy(r.ToPPL())
		if err != nil {
			return nil, fmt.Errorf("route %s: %w", r.From, err)
		}
		q, err := rego.New(
			rego.Module("pomerium.policy", script),
			rego.Query("result = data.pomerium.policy"),
			criteria.SSHVerifyUserCert,
			getDataBrokerRecord,
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("route %s: %w", r.From, err)
		}
		out = append(out, route{from: r.From, query: q})
	}
	return out, nil
}

// getDataBrokerRecord is Pomerium's get_databroker_record builtin (authorize/internal/store), reading the records
// of the querier in the context: the signed-in user's session and user.
var getDataBrokerRecord = rego.Function2(&rego.Function{
	Name: "get_databroker_record",
	Decl: types.NewFunction(types.Args(types.S, types.S), types.NewObject(nil, types.NewDynamicProperty(types.S, types.S))),
}, func(bctx rego.BuiltinContext, op1, op2 *ast.Term) (*ast.Term, error) {
	req := &databroker.QueryRequest{Type: string(op1.Value.(ast.String)), Limit: 1}
	req.SetFilterByIDOrIndex(string(op2.Value.(ast.String)))
	res, err := storage.GetQuerier(bctx.Context).Query(bctx.Context, req)
	if err != nil || len(res.GetRecords()) == 0 {
		return ast.NullTerm(), err
	}
	msg, err := res.GetRecords()[0].GetData().UnmarshalNew()
	if err != nil {
		return nil, err
	}
	bs, _ := json.Marshal(msg)
	var obj map[string]any
	_ = json.Unmarshal(bs, &obj)
	v, err := ast.InterfaceToValue(obj)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(v), nil
})

// testUser is one signed-in user: the ID token's claims as Pomerium keeps them (a list per claim).
type testUser struct {
	Name   string              `json:"name"`
	Email  string              `json:"email"`
	Claims map[string][]string `json:"claims"`
}

type decision struct {
	User  string `json:"user"`
	Route string `json:"route"`
	Allow bool   `json:"allow"`
	Deny  bool   `json:"deny"`
}

// decide evaluates every route for every user of the file, as Pomerium's authorize service does for a request to the
// route's `from` with the user's session.
func decide(ctx context.Context, routes []route, file string) ([]decision, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var users []testUser
	if err := json.Unmarshal(raw, &users); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := []decision{}
	for _, u := range users {
		claims := map[string]*structpb.ListValue{"email": list([]string{u.Email})}
		for k, vs := range u.Claims {
			claims[k] = list(vs)
		}
		s := &session.Session{Id: "session-" + u.Name, UserId: "user-" + u.Name, Claims: claims}
		usr := &user.User{Id: "user-" + u.Name, Email: u.Email, Claims: claims}
		uctx := storage.WithQuerier(ctx, storage.NewStaticQuerier([]proto.Message{s, usr}...))
		for _, r := range routes {
			input := map[string]any{
				"http":    map[string]any{"method": "GET", "url": r.from + "/", "path": "/", "headers": map[string]string{}},
				"session": map[string]any{"id": s.Id},
			}
			rs, err := r.query.Eval(uctx, rego.EvalInput(input))
			if err != nil {
				return nil, fmt.Errorf("route %s, user %s: %w", r.from, u.Name, err)
			}
			if len(rs) == 0 {
				return nil, fmt.Errorf("route %s: no result", r.from)
			}
			m, _ := rs[0].Bindings["result"].(map[string]any)
			out = append(out, decision{User: u.Name, Route: r.from, Allow: first(m["allow"]), Deny: first(m["deny"])})
		}
	}
	return out, nil
}

func list(vs []string) *structpb.ListValue {
	values := []*structpb.Value{}
	for _, v := range vs {
		values = append(values, structpb.NewStringValue(v))
	}
	return &structpb.ListValue{Values: values}
}

// first reads a rule result as Pomerium's getRuleResult does: a boolean, or a list whose first item is one.
func first(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case []any:
		if len(t) > 0 {
			b, _ := t[0].(bool)
			return b
		}
	}
	return false
}
