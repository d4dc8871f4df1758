package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/admission"
	"k8s.io/apiserver/pkg/authentication/serviceaccount"
	"k8s.io/apiserver/pkg/authentication/user"
	"k8s.io/apiserver/pkg/authorization/authorizer"
	"k8s.io/cli-runtime/pkg/resource"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	podutil "k8s.io/kubernetes/pkg/api/pod"
	api "k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/apis/core/validation"
	"k8s.io/kubernetes/pkg/controller"
	saadmission "k8s.io/kubernetes/plugin/pkg/admission/serviceaccount"
	rbacauthorizer "k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"

	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/rbac/install"
)

type Verdict struct {
	ID    string        `json:"id"`
	Files []FileVerdict `json:"files"`
	Pods  []PodVerdict  `json:"pods"`
	Flags []FlagVerdict `json:"flags"`
	// CanI has one character per question, in the nesting order of the case: 1 allowed, 0 not.
	CanI string `json:"canI,omitempty"`
}

type FileVerdict struct {
	Path string `json:"path"`
	// Objects are what kubectl's local builder yields (lists flattened), in order.
	Objects []ObjectVerdict `json:"objects"`
	// Errors are the builder's errors for the file (refused documents, a stream that cannot be read on).
	Errors []string `json:"errors"`
}

type ObjectVerdict struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace"`
	Name       string `json:"name"`
	// Value is the object as kubectl sends it: JSON text, map keys sorted (encoding/json).
	Value string `json:"value"`
}

type PodVerdict struct {
	File   string `json:"file"`
	Object int    `json:"object"`
	Kind   string `json:"kind"`
	// Refused: the API server does not serve this version, or cannot decode the object into its type.
	Refused               string       `json:"refused,omitempty"`
	Namespace             string       `json:"namespace"`
	ServiceAccount        string       `json:"serviceAccount,omitempty"`
	ServiceAccountInInput bool         `json:"serviceAccountInInput"`
	Admission             *Admitted    `json:"admission,omitempty"`
	AsMirror              *Admitted    `json:"asMirror,omitempty"`
	Validation            []FieldError `json:"validation,omitempty"`
}

type Admitted struct {
	Error string `json:"error,omitempty"`
	// Mounted lists the containers admission gave the token mount, as "containers/NAME" or "initContainers/NAME".
	Mounted []string `json:"mounted"`
	// Volume is "added" when admission added a kube-api-access volume, else the name of the existing one it used.
	Volume string `json:"volume,omitempty"`
}

type FieldError struct {
	Field  string `json:"field"`
	Type   string `json:"type"`
	Detail string `json:"detail,omitempty"`
}

// served: the workload kinds the v1.31 API server serves, and where their pod template is.
var served = map[string]bool{
	"v1/Pod": true, "v1/ReplicationController": true, "v1/PodTemplate": true,
	"apps/v1/Deployment": true, "apps/v1/StatefulSet": true, "apps/v1/DaemonSet": true, "apps/v1/ReplicaSet": true,
	"batch/v1/Job": true, "batch/v1/CronJob": true,
}

var workloadKinds = map[string]bool{"Pod": true, "ReplicationController": true, "PodTemplate": true, "Deployment": true, "StatefulSet": true, "DaemonSet": true, "ReplicaSet": true, "Job": true, "CronJob": true}

type decodedObject struct {
	file string
	idx  int
	u    *unstructured.Unstructured
	raw  []byte
}

func runCase(c *Case, base *bootstrapWorld) *Verdict {
	v := &Verdict{ID: c.ID, Files: []FileVerdict{}, Pods: []PodVerdict{}, Flags: []FlagVerdict{}}
	tmp, err := os.MkdirTemp("", "oracle-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	var objects []decodedObject
	for i, f := range c.Files {
		path := f.Path
		if f.Data != nil {
			path = filepath.Join(tmp, fmt.Sprintf("%d%s", i, filepath.Ext(f.Path)))
			if err := os.WriteFile(path, f.Data, 0o600); err != nil {
				panic(err)
			}
		}
		fv, objs := decodeFile(path, f.Path)
		v.Files = append(v.Files, fv)
		objects = append(objects, objs...)
	}
	// ServiceAccounts of the input (a later one replaces an earlier one of the same name).
	sas := map[string]*corev1.ServiceAccount{}
	for _, o := range objects {
		if o.u.GetAPIVersion() == "v1" && o.u.GetKind() == "ServiceAccount" {
			sa := &corev1.ServiceAccount{}
			if err := decodeTyped(o.raw, sa); err != nil {
				continue
			}
			if sa.Namespace == "" {
				sa.Namespace = "default"
			}
			sas[sa.Namespace+"/"+sa.Name] = sa
		}
	}
	for _, o := range objects {
		if workloadKinds[o.u.GetKind()] {
			v.Pods = append(v.Pods, podVerdict(o, sas))
		}
	}
	for _, o := range objects {
		v.Flags = append(v.Flags, flagVerdicts(o)...)
	}
	if c.CanI != nil {
		v.CanI = canI(c.CanI, objects, base)
	}
	return v
}

func decodeFile(path, shown string) (FileVerdict, []decodedObject) {
	fv := FileVerdict{Path: shown, Objects: []ObjectVerdict{}, Errors: []string{}}
	var out []decodedObject
	// kubectl apply -f FILE: its builder chain, without a server (NewLocalBuilder).
	r := resource.NewLocalBuilder().
		Unstructured().
		ContinueOnError().
		FilenameParam(false, &resource.FilenameOptions{Filenames: []string{path}}).
		Flatten().
		Do()
	err := r.Visit(func(info *resource.Info, err error) error {
		if err != nil {
			return err
		}
		u, ok := info.Object.(*unstructured.Unstructured)
		if !ok {
			return fmt.Errorf("unexpected object type %T", info.Object)
		}
		raw, err := marshal(u.Object)
		if err != nil {
			return err
		}
		fv.Objects = append(fv.Objects, ObjectVerdict{APIVersion: u.GetAPIVersion(), Kind: u.GetKind(), Namespace: u.GetNamespace(), Name: u.GetName(), Value: string(raw)})
		out = append(out, decodedObject{file: shown, idx: len(fv.Objects) - 1, u: u, raw: raw})
		return nil
	})
	if err != nil {
		for _, e := range flattenErrors(err) {
			fv.Errors = append(fv.Errors, strings.ReplaceAll(e, path, shown))
		}
	}
	return fv, out
}

func flattenErrors(err error) []string {
	type aggregate interface{ Errors() []error }
	if agg, ok := err.(aggregate); ok {
		var out []string
		for _, e := range agg.Errors() {
			out = append(out, flattenErrors(e)...)
		}
		return out
	}
	return []string{err.Error()}
}

func marshal(v interface{}) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// decodeTyped decodes the JSON kubectl sends into the typed external object, the way the API
// server's codec does (legacyscheme), and applies the API server's defaults.
func decodeTyped(raw []byte, into runtime.Object) error {
	obj, _, err := legacyscheme.Codecs.UniversalDeserializer().Decode(raw, nil, into)
	if err != nil {
		return err
	}
	if obj != into {
		return fmt.Errorf("decoded into %T", obj)
	}
	legacyscheme.Scheme.Default(into)
	return nil
}

// podOf is the Pod the API server receives for a workload: the Pod itself, or the Pod its
// controller creates from the (defaulted) template with controller.GetPodFromTemplate.
func podOf(o decodedObject) (*corev1.Pod, error) {
	gvk := o.u.GroupVersionKind()
	key := gvk.GroupVersion().String() + "/" + gvk.Kind
	if !served[key] {
		return nil, fmt.Errorf("%s is not served by the v1.31 API server", key)
	}
	var template *corev1.PodTemplateSpec
	var parent runtime.Object
	switch gvk.Kind {
	case "Pod":
		p := &corev1.Pod{}
		if err := decodeTyped(o.raw, p); err != nil {
			return nil, err
		}
		return p, nil
	case "PodTemplate":
		t := &corev1.PodTemplate{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		template, parent = &t.Template, t
	case "ReplicationController":
		t := &corev1.ReplicationController{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		if t.Spec.Template == nil {
			return nil, fmt.Errorf("no template")
		}
		template, parent = t.Spec.Template, t
	case "Deployment":
		t := &appsv1.Deployment{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		template, parent = &t.Spec.Template, t
	case "StatefulSet":
		t := &appsv1.StatefulSet{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		// The StatefulSet controller's newStatefulSetPod also gives the pod one PersistentVolumeClaim
		// volume per volumeClaimTemplate (updateStorage, unexported; these lines do what it does for the
		// volumes: a claim volume replaces a template volume of the same name).
		tmpl := t.Spec.Template.DeepCopy()
		claims := map[string]bool{}
		var vols []corev1.Volume
		for _, c := range t.Spec.VolumeClaimTemplates {
			claims[c.Name] = true
			vols = append(vols, corev1.Volume{Name: c.Name, VolumeSource: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: c.Name + "-" + t.Name + "-0"}}})
		}
		for _, v := range tmpl.Spec.Volumes {
			if !claims[v.Name] {
				vols = append(vols, v)
			}
		}
		tmpl.Spec.Volumes = vols
		template, parent = tmpl, t
	case "DaemonSet":
		t := &appsv1.DaemonSet{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		template, parent = &t.Spec.Template, t
	case "ReplicaSet":
		t := &appsv1.ReplicaSet{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		template, parent = &t.Spec.Template, t
	case "Job":
		t := &batchv1.Job{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		template, parent = &t.Spec.Template, t
	case "CronJob":
		t := &batchv1.CronJob{}
		if err := decodeTyped(o.raw, t); err != nil {
			return nil, err
		}
		// The CronJob controller creates a Job from jobTemplate, the Job controller a Pod from its template.
		job := &batchv1.Job{ObjectMeta: metav1.ObjectMeta{Name: t.Name + "-1", Namespace: t.Namespace}, Spec: *t.Spec.JobTemplate.Spec.DeepCopy()}
		legacyscheme.Scheme.Default(job)
		template, parent = &job.Spec.Template, job
	}
	pod, err := controller.GetPodFromTemplate(template, parent, nil)
	if err != nil {
		return nil, err
	}
	acc, _ := metaAccessor(parent)
	pod.Namespace = acc
	// The pod is POSTed as v1 JSON: decoded and defaulted again by the API server.
	raw, err := json.Marshal(pod)
	if err != nil {
		return nil, err
	}
	p := &corev1.Pod{}
	if err := decodeTyped(append([]byte(`{"apiVersion":"v1","kind":"Pod",`), raw[1:]...), p); err != nil {
		return nil, err
	}
	return p, nil
}

func metaAccessor(o runtime.Object) (string, error) {
	m, ok := o.(metav1.Object)
	if !ok {
		return "", fmt.Errorf("no metadata")
	}
	return m.GetNamespace(), nil
}

func podVerdict(o decodedObject, sas map[string]*corev1.ServiceAccount) PodVerdict {
	pv := PodVerdict{File: o.file, Object: o.idx, Kind: o.u.GetKind()}
	pod, err := podOf(o)
	if err != nil {
		pv.Refused = err.Error()
		return pv
	}
	if pod.Namespace == "" {
		pod.Namespace = "default" // kubectl's default namespace
	}
	if pod.Name == "" {
		if pod.GenerateName != "" {
			pod.Name = pod.GenerateName + "x0000" // the API server generates the name before validation
		}
	}
	pv.Namespace = pod.Namespace
	internal := &api.Pod{}
	if err := legacyscheme.Scheme.Convert(pod, internal, nil); err != nil {
		pv.Refused = "convert: " + err.Error()
		return pv
	}
	saName := internal.Spec.ServiceAccountName
	if saName == "" {
		saName = saadmission.DefaultServiceAccountName
	}
	pv.ServiceAccount = saName
	_, pv.ServiceAccountInInput = sas[pod.Namespace+"/"+saName]

	pv.Admission = admit(internal.DeepCopy(), sas, false)
	if o.u.GetKind() == "Pod" {
		pv.AsMirror = admit(internal.DeepCopy(), sas, true)
	}
	admitted := internal.DeepCopy()
	if a := admitWith(admitted, sas, false); a.Error == "" {
		opts := podutil.GetValidationOptionsFromPodSpecAndMeta(&admitted.Spec, nil, &admitted.ObjectMeta, nil)
		for _, e := range validation.ValidatePodCreate(admitted, opts) {
			pv.Validation = append(pv.Validation, FieldError{Field: e.Field, Type: string(e.Type), Detail: e.Detail})
		}
	}
	return pv
}

func admit(pod *api.Pod, sas map[string]*corev1.ServiceAccount, mirror bool) *Admitted {
	return admitWith(pod, sas, mirror)
}

// admitWith runs the ServiceAccount admission plugin's Admit on a pod create. The plugin's lister
// holds the input's ServiceAccounts; an account the input does not define is added as the
// controller would create it (nothing set), so the verdict is the one for a cluster where it exists.
func admitWith(pod *api.Pod, sas map[string]*corev1.ServiceAccount, mirror bool) *Admitted {
	if mirror {
		if pod.Annotations == nil {
			pod.Annotations = map[string]string{}
		}
		pod.Annotations[api.MirrorPodAnnotationKey] = "mirror"
	}
	client := fake.NewSimpleClientset()
	factory := informers.NewSharedInformerFactory(client, 0)
	indexer := factory.Core().V1().ServiceAccounts().Informer().GetIndexer()
	for _, sa := range sas {
		_ = indexer.Add(sa)
	}
	name := pod.Spec.ServiceAccountName
	if name == "" {
		name = saadmission.DefaultServiceAccountName
	}
	if _, ok := sas[pod.Namespace+"/"+name]; !ok {
		_ = indexer.Add(&corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: pod.Namespace, Name: name}})
	}
	plugin := saadmission.NewServiceAccount()
	plugin.SetExternalKubeClientSet(client)
	plugin.SetExternalKubeInformerFactory(factory)
	if err := plugin.ValidateInitialization(); err != nil {
		panic(err)
	}
	before := mountCounts(pod)
	volumes := len(pod.Spec.Volumes)
	attrs := admission.NewAttributesRecord(pod, nil, api.Kind("Pod").WithVersion("v1"), pod.Namespace, pod.Name, api.Resource("pods").WithVersion("v1"), "", admission.Create, &metav1.CreateOptions{}, false, &user.DefaultInfo{Name: "system:admin"})
	out := &Admitted{Mounted: []string{}}
	if err := plugin.Admit(context.Background(), attrs, nil); err != nil {
		out.Error = err.Error()
		return out
	}
	after := mountCounts(pod)
	for k, n := range after {
		if n > before[k] {
			out.Mounted = append(out.Mounted, k)
		}
	}
	sortStrings(out.Mounted)
	if len(pod.Spec.Volumes) > volumes {
		out.Volume = "added"
	} else if len(out.Mounted) > 0 {
		for _, c := range append(append([]api.Container{}, pod.Spec.InitContainers...), pod.Spec.Containers...) {
			for _, m := range c.VolumeMounts {
				if m.MountPath == saadmission.DefaultAPITokenMountPath {
					out.Volume = m.Name
				}
			}
		}
	}
	return out
}

func mountCounts(pod *api.Pod) map[string]int {
	m := map[string]int{}
	for _, c := range pod.Spec.InitContainers {
		m["initContainers/"+c.Name] = len(c.VolumeMounts)
	}
	for _, c := range pod.Spec.Containers {
		m["containers/"+c.Name] = len(c.VolumeMounts)
	}
	return m
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// canI builds the case's RBAC world (bootstrap policy + the input's rbac.authorization.k8s.io/v1
// objects, a later object replacing an earlier one), settles aggregation with the real
// controller, and asks RBACAuthorizer.Authorize every question.
func canI(q *CanIQuestions, objects []decodedObject, base *bootstrapWorld) string {
	seed := make([]runtime.Object, 0, len(base.objects))
	for _, o := range base.objects {
		seed = append(seed, o.DeepCopyObject())
	}
	client := newRBACClientset(seed...)
	ctx := context.Background()
	for _, o := range objects {
		if o.u.GetAPIVersion() != "rbac.authorization.k8s.io/v1" {
			continue
		}
		ns := o.u.GetNamespace()
		if ns == "" {
			ns = "default"
		}
		switch o.u.GetKind() {
		case "ClusterRole":
			obj := &rbacv1.ClusterRole{}
			if decodeTyped(o.raw, obj) != nil {
				continue
			}
			if _, err := client.RbacV1().ClusterRoles().Create(ctx, obj, metav1.CreateOptions{}); apierrors.IsAlreadyExists(err) {
				_, _ = client.RbacV1().ClusterRoles().Update(ctx, obj, metav1.UpdateOptions{})
			}
		case "ClusterRoleBinding":
			obj := &rbacv1.ClusterRoleBinding{}
			if decodeTyped(o.raw, obj) != nil {
				continue
			}
			if _, err := client.RbacV1().ClusterRoleBindings().Create(ctx, obj, metav1.CreateOptions{}); apierrors.IsAlreadyExists(err) {
				_, _ = client.RbacV1().ClusterRoleBindings().Update(ctx, obj, metav1.UpdateOptions{})
			}
		case "Role":
			obj := &rbacv1.Role{}
			if decodeTyped(o.raw, obj) != nil {
				continue
			}
			obj.Namespace = ns
			if _, err := client.RbacV1().Roles(ns).Create(ctx, obj, metav1.CreateOptions{}); apierrors.IsAlreadyExists(err) {
				_, _ = client.RbacV1().Roles(ns).Update(ctx, obj, metav1.UpdateOptions{})
			}
		case "RoleBinding":
			obj := &rbacv1.RoleBinding{}
			if decodeTyped(o.raw, obj) != nil {
				continue
			}
			obj.Namespace = ns
			if _, err := client.RbacV1().RoleBindings(ns).Create(ctx, obj, metav1.CreateOptions{}); apierrors.IsAlreadyExists(err) {
				_, _ = client.RbacV1().RoleBindings(ns).Update(ctx, obj, metav1.UpdateOptions{})
			}
		}
	}
	settleAggregation(client)
	factory := informers.NewSharedInformerFactory(client, 0)
	rbacInf := factory.Rbac().V1()
	a := rbacauthorizer.New(
		&rbacauthorizer.RoleGetter{Lister: rbacInf.Roles().Lister()},
		&rbacauthorizer.RoleBindingLister{Lister: rbacInf.RoleBindings().Lister()},
		&rbacauthorizer.ClusterRoleGetter{Lister: rbacInf.ClusterRoles().Lister()},
		&rbacauthorizer.ClusterRoleBindingLister{Lister: rbacInf.ClusterRoleBindings().Lister()},
	)
	stop := make(chan struct{})
	defer close(stop)
	factory.Start(stop)
	factory.WaitForCacheSync(stop)
	var sb strings.Builder
	for _, s := range q.Subjects {
		u := subjectUser(s)
		for _, verb := range q.Verbs {
			for _, r := range q.Resources {
				for _, ns := range q.Namespaces {
					attrs := authorizer.AttributesRecord{User: u, Verb: verb, APIGroup: r.Group, Resource: r.Resource, Subresource: r.Subresource, Name: r.Name, ResourceRequest: true}
					if !r.Cluster {
						attrs.Namespace = ns
					}
					d, _, _ := a.Authorize(ctx, attrs)
					if d == authorizer.DecisionAllow {
						sb.WriteByte('1')
					} else {
						sb.WriteByte('0')
					}
				}
			}
		}
	}
	return sb.String()
}

// subjectUser: "system:serviceaccount:NS:NAME" is a service account token's user (with the groups
// its authenticator sets); "NAME|G1,G2" a user with groups. Every authenticated request also
// carries system:authenticated.
func subjectUser(s string) user.Info {
	if strings.HasPrefix(s, "system:serviceaccount:") {
		parts := strings.Split(s, ":")
		if len(parts) == 4 {
			info := serviceaccount.UserInfo(parts[2], parts[3], "")
			return &user.DefaultInfo{Name: info.GetName(), Groups: append(info.GetGroups(), user.AllAuthenticated)}
		}
	}
	name, groups, _ := strings.Cut(s, "|")
	var gs []string
	if groups != "" {
		gs = strings.Split(groups, ",")
	}
	return &user.DefaultInfo{Name: name, Groups: append(gs, user.AllAuthenticated)}
}
