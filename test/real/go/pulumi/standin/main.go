// Command standin answers for the Pulumi providers the real test tier cannot build (okta, random, cloudflare): one
// binary installed as pulumi-resource-okta, -random and -cloudflare, the package taken from the name it runs as.
// It answers like the real providers for what the program reads (unknown outputs in a preview of a new resource,
// outputs derived from the URN afterwards), diffs old and new inputs, and appends every input it is sent to the file
// named by STANDIN_RECORD (one JSON object a line) so tests assert on what Okta and Cloudflare would receive.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

type standin struct {
	plugin.UnimplementedProvider
	pkg    string
	config resource.PropertyMap
	rec    *recorder
}

func main() {
	pkg := strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-resource-")
	p := &standin{pkg: pkg, rec: newRecorder(os.Getenv("STANDIN_RECORD"), pkg)}
	err := provider.Main(pkg, func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return plugin.NewProviderServer(p), nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func (p *standin) Close() error { return nil }

// GetPluginInfo reports the version the program's SDK asks for (STANDIN_VERSION_<PACKAGE>), so the engine has no
// version mismatch to warn about; without it, 0.0.1.
func (p *standin) GetPluginInfo(context.Context) (plugin.PluginInfo, error) {
	v, err := semver.ParseTolerant(os.Getenv("STANDIN_VERSION_" + strings.ToUpper(p.pkg)))
	if err != nil {
		v = semver.MustParse("0.0.1")
	}
	return plugin.PluginInfo{Version: &v}, nil
}

func (p *standin) CheckConfig(_ context.Context, req plugin.CheckConfigRequest) (plugin.CheckConfigResponse, error) {
	return plugin.CheckConfigResponse{Properties: req.News}, nil
}

func (p *standin) DiffConfig(_ context.Context, req plugin.DiffConfigRequest) (plugin.DiffConfigResponse, error) {
	return diff(req.OldInputs, req.NewInputs, false), nil
}

func (p *standin) Configure(_ context.Context, req plugin.ConfigureRequest) (plugin.ConfigureResponse, error) {
	p.config = req.Inputs
	p.rec.write("configure", "", "", false, req.Inputs)
	return plugin.ConfigureResponse{}, nil
}

func (p *standin) Check(_ context.Context, req plugin.CheckRequest) (plugin.CheckResponse, error) {
	return plugin.CheckResponse{Properties: req.News}, nil
}

// Diff compares the inputs as sent: what changed is an update, except that every input of a random resource
// replaces it (the real provider marks them all ForceNew).
func (p *standin) Diff(_ context.Context, req plugin.DiffRequest) (plugin.DiffResponse, error) {
	return diff(req.OldInputs, req.NewInputs, p.pkg == "random"), nil
}

func diff(olds, news resource.PropertyMap, replace bool) plugin.DiffResult {
	d := olds.Diff(news)
	if d == nil || !d.AnyChanges() {
		return plugin.DiffResult{Changes: plugin.DiffNone}
	}
	detailed := plugin.NewDetailedDiffFromObjectDiff(d, true)
	result := plugin.DiffResult{Changes: plugin.DiffSome, ChangedKeys: d.ChangedKeys(), DetailedDiff: detailed}
	if replace {
		result.ReplaceKeys = d.ChangedKeys()
		for k, v := range detailed {
			detailed[k] = v.ToReplace()
		}
	}
	return result
}

func (p *standin) Create(_ context.Context, req plugin.CreateRequest) (plugin.CreateResponse, error) {
	p.rec.write("create", req.URN, req.Type.String(), req.Preview, req.Properties)
	id, outputs := p.state(req.URN, req.Properties, req.Preview)
	if req.Preview {
		id = ""
	}
	return plugin.CreateResponse{ID: resource.ID(id), Properties: outputs, Status: resource.StatusOK}, nil
}

func (p *standin) Update(_ context.Context, req plugin.UpdateRequest) (plugin.UpdateResponse, error) {
	p.rec.write("update", req.URN, req.Type.String(), req.Preview, req.NewInputs)
	_, outputs := p.state(req.URN, req.NewInputs, false)
	return plugin.UpdateResponse{Properties: outputs, Status: resource.StatusOK}, nil
}

// Read returns the state as it is: nothing drifts outside the program.
func (p *standin) Read(_ context.Context, req plugin.ReadRequest) (plugin.ReadResponse, error) {
	return plugin.ReadResponse{
		ReadResult: plugin.ReadResult{ID: req.ID, Inputs: req.Inputs, Outputs: req.State},
		Status:     resource.StatusOK,
	}, nil
}

func (p *standin) Delete(_ context.Context, req plugin.DeleteRequest) (plugin.DeleteResponse, error) {
	p.rec.write("delete", req.URN, req.Type.String(), false, req.Inputs)
	return plugin.DeleteResponse{Status: resource.StatusOK}, nil
}

func (p *standin) Invoke(_ context.Context, req plugin.InvokeRequest) (plugin.InvokeResponse, error) {
	p.rec.write("invoke", "", string(req.Tok), req.Preview, req.Args)
	out, err := p.invoke(string(req.Tok), req.Args)
	if err != nil {
		return plugin.InvokeResponse{}, err
	}
	return plugin.InvokeResponse{Properties: out}, nil
}
