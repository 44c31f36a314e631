package main

import (
	"encoding/json"
	"os"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// unknown is how the record writes a value not known yet (Pulumi's own marker for an unknown string).
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// recorder appends one JSON line per call; every provider process of a run appends to the same file.
type recorder struct {
	mu   sync.Mutex
	path string
	pkg  string
}

func newRecorder(path, pkg string) *recorder { return &recorder{path: path, pkg: pkg} }

func (r *recorder) write(op string, urn resource.URN, typ string, preview bool, inputs resource.PropertyMap) {
	if r.path == "" {
		return
	}
	line, err := json.Marshal(map[string]any{
		"package": r.pkg, "op": op, "urn": string(urn), "type": typ, "preview": preview,
		"inputs": plain(resource.NewObjectProperty(inputs)),
	})
	if err != nil {
		panic(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	f, err := os.OpenFile(r.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		panic(err)
	}
}

// plain is the JSON form of a property value: a secret as Pulumi's wire form of one ({sig: secret, value}), so a
// test sees both the value and that it travelled as a secret; an unknown as the unknown marker.
func plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
			"value": plain(v.SecretValue().Element)}
	case v.IsComputed():
		return unknown
	case v.IsOutput():
		o := v.OutputValue()
		if !o.Known {
			return unknown
		}
		if o.Secret {
			return plain(resource.MakeSecret(o.Element))
		}
		return plain(o.Element)
	case v.IsObject():
		out := map[string]any{}
		for k, e := range v.ObjectValue() {
			out[string(k)] = plain(e)
		}
		return out
	case v.IsArray():
		out := []any{}
		for _, e := range v.ArrayValue() {
			out = append(out, plain(e))
		}
		return out
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	}
	return v.V
}
