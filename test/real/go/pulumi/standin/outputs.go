package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

type prop = resource.PropertyValue

var nonAlnum = regexp.MustCompile(`[^A-Za-z0-9]`)

// oktaID is an Okta-style id: the object's prefix and characters derived from the seed, 20 in all.
func oktaID(prefix, seed string) string {
	sum := sha256.Sum256([]byte(seed))
	return (prefix + nonAlnum.ReplaceAllString(base64.StdEncoding.EncodeToString(sum[:]), ""))[:20]
}

// uuid is a Cloudflare-style id derived from the seed.
func uuid(seed string) string {
	h := fmt.Sprintf("%x", sha256.Sum256([]byte(seed)))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

var oktaPrefix = map[string]string{
	"okta:app/oAuth:OAuth":                        "0oa",
	"okta:auth/server:Server":                     "aus",
	"okta:auth/serverScope:ServerScope":           "scp",
	"okta:auth/serverClaim:ServerClaim":           "ocl",
	"okta:auth/serverPolicy:ServerPolicy":         "00p",
	"okta:auth/serverPolicyRule:ServerPolicyRule": "0pr",
	"okta:group/group:Group":                      "00g",
	"okta:trustedOrigin:Origin":                   "tos",
}

func str(v string) prop    { return resource.NewStringProperty(v) }
func secret(v string) prop { return resource.MakeSecret(resource.NewStringProperty(v)) }
func input(in resource.PropertyMap, key string) prop {
	v := in[resource.PropertyKey(key)]
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	return v
}

// state is what the real provider would hold after creating the resource: its inputs and the outputs it computes.
// In a preview the computed outputs are unknown, as the real providers report them for a resource not yet made.
func (p *standin) state(urn resource.URN, in resource.PropertyMap, preview bool) (string, resource.PropertyMap) {
	id, computed := p.computed(urn, in)
	out := in.Copy()
	for k, v := range computed {
		if preview {
			v = resource.MakeComputed(resource.NewStringProperty(""))
		}
		out[resource.PropertyKey(k)] = v
	}
	return id, out
}

func (p *standin) computed(urn resource.URN, in resource.PropertyMap) (string, map[string]prop) {
	seed := string(urn)
	typ := string(urn.Type())
	switch {
	case typ == "okta:app/oAuth:OAuth":
		id := oktaID("0oa", seed)
		return id, map[string]prop{
			"clientId": str(oktaID("0oa", seed+"/client")), "clientSecret": secret("standin-secret-" + oktaID("", seed)),
			"name": str("oidc_client"), "signOnMode": str("OPENID_CONNECT"), "status": str("ACTIVE"),
			"authenticationPolicy": str(oktaID("rst", seed)),
		}
	case typ == "okta:auth/server:Server":
		id := oktaID("aus", seed)
		org := fmt.Sprintf("https://%s.%s", p.configString("orgName", "example"), p.configString("baseUrl", "okta.com"))
		return id, map[string]prop{"issuer": str(org + "/oauth2/" + id), "kid": str(oktaID("", seed+"/kid")),
			"status": str("ACTIVE")}
	case oktaPrefix[typ] != "":
		return oktaID(oktaPrefix[typ], seed), map[string]prop{"system": resource.NewBoolProperty(false)}
	case typ == "okta:index/appGroupAssignments:AppGroupAssignments":
		// The app's id, which a new stack's preview does not know yet (the id is then unknown anyway).
		if app := input(in, "appId"); app.IsString() {
			return app.StringValue(), nil
		}
		return oktaID("0oa", seed), nil
	case typ == "random:index/randomBytes:RandomBytes":
		bytes := randomBytes(seed, in)
		return urn.Name(), map[string]prop{"base64": secret(base64.StdEncoding.EncodeToString(bytes)),
			"hex": secret(hex.EncodeToString(bytes))}
	case typ == "random:index/randomPassword:RandomPassword" || typ == "random:index/randomString:RandomString":
		chars := base64.RawURLEncoding.EncodeToString(randomBytes(seed, in))
		result := resource.NewStringProperty(chars)
		if typ == "random:index/randomPassword:RandomPassword" {
			result = resource.MakeSecret(result)
		}
		return urn.Name(), map[string]prop{"result": result}
	case typ == "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication":
		return uuid(seed), map[string]prop{"aud": str(fmt.Sprintf("%x", sha256.Sum256([]byte(seed+"/aud"))))}
	case p.pkg == "cloudflare":
		return uuid(seed), nil
	}
	return oktaID("", seed), nil
}

// randomBytes derives `length` bytes (32 when not set) from the URN and the inputs: stable across updates, new
// when a keeper changes (which replaces the resource).
func randomBytes(seed string, in resource.PropertyMap) []byte {
	n := 32
	if l := input(in, "length"); l.IsNumber() {
		n = int(l.NumberValue())
	}
	canonical, _ := json.Marshal(plain(resource.NewObjectProperty(in)))
	out := []byte{}
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%d", seed, canonical, i)))
		out = append(out, sum[:]...)
	}
	return out[:n]
}

func (p *standin) configString(key, fallback string) string {
	if v := input(p.config, key); v.IsString() && v.StringValue() != "" {
		return v.StringValue()
	}
	return fallback
}
