package main

import (
	"path"
	"strings"

	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	cliflag "k8s.io/component-base/cli/flag"
	"k8s.io/component-base/cli/globalflag"
	"k8s.io/component-base/logs"
	"k8s.io/component-base/version/verflag"
	apiserveroptions "k8s.io/kubernetes/cmd/kube-apiserver/app/options"
	kcmoptions "k8s.io/kubernetes/cmd/kube-controller-manager/app/options"
	kubeadmapi "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm"
	kubeadmscheme "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme"
	kubeadmutil "k8s.io/kubernetes/cmd/kubeadm/app/util"
)

// FlagVerdict: a control-plane command line as the binary's own flag set parses it.
type FlagVerdict struct {
	File   string `json:"file"`
	Object int    `json:"object"`
	// Where: "containers/NAME" of a static pod, or "apiServer.extraArgs" / "controllerManager.extraArgs" of kubeadm.
	Where  string   `json:"where"`
	Binary string   `json:"binary"`
	Args   []string `json:"args"`
	Error  string   `json:"error,omitempty"`
	// Values of the flags the command line set (pflag Changed), as the flag's String() prints them.
	Values map[string]string `json:"values"`
}

// apiserverFlags is the flag set kube-apiserver's cobra command builds (app.NewAPIServerCommand),
// with the word-separator normalization component-base/cli.Run installs.
func apiserverFlags() *pflag.FlagSet {
	s := apiserveroptions.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	named := s.Flags()
	verflag.AddFlags(named.FlagSet("global"))
	globalflag.AddGlobalFlags(named.FlagSet("global"), "kube-apiserver", logs.SkipLoggingConfigurationFlags())
	apiserveroptions.AddCustomGlobalFlags(named.FlagSet("generic"))
	for _, f := range named.FlagSets {
		fs.AddFlagSet(f)
	}
	logs.AddFlags(fs)
	fs.SetNormalizeFunc(cliflag.WordSepNormalizeFunc)
	return fs
}

// controllerManagerFlags is kube-controller-manager's flag set (app.NewControllerManagerCommand).
// The controller lists only feed the --controllers help text, so they are passed empty.
func controllerManagerFlags() *pflag.FlagSet {
	s, err := kcmoptions.NewKubeControllerManagerOptions()
	if err != nil {
		panic(err)
	}
	fs := pflag.NewFlagSet("kube-controller-manager", pflag.ContinueOnError)
	named := s.Flags(nil, nil, nil)
	verflag.AddFlags(named.FlagSet("global"))
	globalflag.AddGlobalFlags(named.FlagSet("global"), "kube-controller-manager", logs.SkipLoggingConfigurationFlags())
	for _, f := range named.FlagSets {
		fs.AddFlagSet(f)
	}
	logs.AddFlags(fs)
	fs.SetNormalizeFunc(cliflag.WordSepNormalizeFunc)
	return fs
}

func parseWith(binary string, args []string) (string, map[string]string) {
	var fs *pflag.FlagSet
	if binary == "kube-apiserver" {
		fs = apiserverFlags()
	} else {
		fs = controllerManagerFlags()
	}
	fs.SetOutput(discard{})
	values := map[string]string{}
	err := fs.Parse(args)
	fs.Visit(func(f *pflag.Flag) { values[f.Name] = f.Value.String() })
	msg := ""
	if err != nil {
		msg = err.Error()
	} else if rest := fs.Args(); len(rest) > 0 {
		for _, a := range rest {
			if a != "" {
				msg = "takes no arguments, got " + strings.Join(rest, " ")
				break
			}
		}
	}
	return msg, values
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func flagVerdicts(o decodedObject) []FlagVerdict {
	var out []FlagVerdict
	u := o.u
	if u.GetKind() == "Pod" && u.GetAPIVersion() == "v1" {
		for _, group := range []string{"initContainers", "containers"} {
			list, _, _ := unstructured.NestedSlice(u.Object, "spec", group)
			for _, item := range list {
				c, ok := item.(map[string]interface{})
				if !ok {
					continue
				}
				argv := append(stringsOf(c["command"]), stringsOf(c["args"])...)
				for i, w := range argv {
					bin := path.Base(w)
					if bin != "kube-apiserver" && bin != "kube-controller-manager" {
						continue
					}
					name, _ := c["name"].(string)
					args := argv[i+1:]
					msg, values := parseWith(bin, args)
					out = append(out, FlagVerdict{File: o.file, Object: o.idx, Where: group + "/" + name, Binary: bin, Args: args, Error: msg, Values: values})
					break
				}
			}
		}
	}
	if u.GetKind() == "ClusterConfiguration" && strings.HasPrefix(u.GetAPIVersion(), "kubeadm.k8s.io/") {
		obj, _, err := kubeadmscheme.Codecs.UniversalDecoder().Decode(o.raw, nil, nil)
		if err != nil {
			out = append(out, FlagVerdict{File: o.file, Object: o.idx, Where: "kubeadm", Error: "kubeadm decode: " + err.Error(), Values: map[string]string{}})
			return out
		}
		cfg, ok := obj.(*kubeadmapi.ClusterConfiguration)
		if !ok {
			return out
		}
		for _, part := range []struct {
			where, binary string
			extra         []kubeadmapi.Arg
		}{
			{"apiServer.extraArgs", "kube-apiserver", cfg.APIServer.ExtraArgs},
			{"controllerManager.extraArgs", "kube-controller-manager", cfg.ControllerManager.ExtraArgs},
		} {
			// kubeadm writes extraArgs into the static pod's command with ArgumentsToCommand.
			args := kubeadmutil.ArgumentsToCommand(nil, part.extra)
			msg, values := parseWith(part.binary, args)
			out = append(out, FlagVerdict{File: o.file, Object: o.idx, Where: part.where, Binary: part.binary, Args: args, Error: msg, Values: values})
		}
	}
	return out
}

func stringsOf(v interface{}) []string {
	list, ok := v.([]interface{})
	if !ok {
		return nil
	}
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
