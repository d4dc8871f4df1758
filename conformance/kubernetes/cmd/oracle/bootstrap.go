package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/component-helpers/auth/rbac/reconciliation"
	"k8s.io/kubernetes/pkg/controller/clusterroleaggregation"
	"k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy"
)

// Policy is the RBAC state of a fresh v1.31 cluster: what the API server's rbac post-start hook
// (pkg/registry/rbac/rest, PolicyData) reconciles into storage, after the clusterrole-aggregation
// controller of kube-controller-manager has filled the aggregated roles.
type Policy struct {
	KubernetesVersion   string                          `json:"kubernetesVersion"`
	ClusterRoles        []rbacv1.ClusterRole            `json:"clusterRoles"`
	ClusterRoleBindings []rbacv1.ClusterRoleBinding     `json:"clusterRoleBindings"`
	Roles               map[string][]rbacv1.Role        `json:"roles"`
	RoleBindings        map[string][]rbacv1.RoleBinding `json:"roleBindings"`
}

const kubernetesVersion = "v1.31.14"

// reconcileBootstrap does what the API server's post-start hook ensureRBACPolicy does for a new
// cluster, with the same inputs (PolicyData of pkg/registry/rbac/rest.RESTStorageProvider) and the
// same reconciliation calls of k8s.io/component-helpers, against a fake clientset.
func reconcileBootstrap(client *fake.Clientset) error {
	clusterRoles := append(bootstrappolicy.ClusterRoles(), bootstrappolicy.ControllerRoles()...)
	clusterRoleBindings := append(bootstrappolicy.ClusterRoleBindings(), bootstrappolicy.ControllerRoleBindings()...)
	for i := range clusterRoles {
		opts := reconciliation.ReconcileRoleOptions{
			Role:    reconciliation.ClusterRoleRuleOwner{ClusterRole: &clusterRoles[i]},
			Client:  reconciliation.ClusterRoleModifier{Client: client.RbacV1().ClusterRoles()},
			Confirm: true,
		}
		if _, err := opts.Run(); err != nil {
			return fmt.Errorf("clusterrole %s: %w", clusterRoles[i].Name, err)
		}
	}
	for i := range clusterRoleBindings {
		opts := reconciliation.ReconcileRoleBindingOptions{
			RoleBinding: reconciliation.ClusterRoleBindingAdapter{ClusterRoleBinding: &clusterRoleBindings[i]},
			Client:      reconciliation.ClusterRoleBindingClientAdapter{Client: client.RbacV1().ClusterRoleBindings()},
			Confirm:     true,
		}
		if _, err := opts.Run(); err != nil {
			return fmt.Errorf("clusterrolebinding %s: %w", clusterRoleBindings[i].Name, err)
		}
	}
	for ns, roles := range bootstrappolicy.NamespaceRoles() {
		for i := range roles {
			opts := reconciliation.ReconcileRoleOptions{
				Role:    reconciliation.RoleRuleOwner{Role: &roles[i]},
				Client:  reconciliation.RoleModifier{Client: client.RbacV1(), NamespaceClient: client.CoreV1().Namespaces()},
				Confirm: true,
			}
			if _, err := opts.Run(); err != nil {
				return fmt.Errorf("role %s/%s: %w", ns, roles[i].Name, err)
			}
		}
	}
	for ns, bindings := range bootstrappolicy.NamespaceRoleBindings() {
		for i := range bindings {
			opts := reconciliation.ReconcileRoleBindingOptions{
				RoleBinding: reconciliation.RoleBindingAdapter{RoleBinding: &bindings[i]},
				Client:      reconciliation.RoleBindingClientAdapter{Client: client.RbacV1(), NamespaceClient: client.CoreV1().Namespaces()},
				Confirm:     true,
			}
			if _, err := opts.Run(); err != nil {
				return fmt.Errorf("rolebinding %s/%s: %w", ns, bindings[i].Name, err)
			}
		}
	}
	return nil
}

// settleAggregation runs kube-controller-manager's clusterrole-aggregation controller on the
// clientset until it stops writing: no write for `quiet` after the informer has synced.
func settleAggregation(client *fake.Clientset) {
	factory := informers.NewSharedInformerFactory(client, 0)
	ctrl := clusterroleaggregation.NewClusterRoleAggregation(factory.Rbac().V1().ClusterRoles(), client.RbacV1())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	done := make(chan struct{})
	go func() { ctrl.Run(ctx, 1); close(done) }()
	const quiet = 150 * time.Millisecond
	last := writes(client)
	stable := time.Now()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		n := writes(client)
		if n != last {
			last, stable = n, time.Now()
			continue
		}
		if time.Since(stable) >= quiet {
			break
		}
	}
	cancel()
	<-done
	factory.Shutdown()
}

func writes(client *fake.Clientset) int {
	n := 0
	for _, a := range client.Actions() {
		switch a.GetVerb() {
		case "create", "update", "patch", "delete":
			n++
		}
	}
	return n
}

// snapshot reads every RBAC object of the clientset, sorted by namespace and name.
func snapshot(client *fake.Clientset) (*Policy, error) {
	ctx := context.Background()
	p := &Policy{KubernetesVersion: kubernetesVersion, Roles: map[string][]rbacv1.Role{}, RoleBindings: map[string][]rbacv1.RoleBinding{}}
	crs, err := client.RbacV1().ClusterRoles().List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	crbs, err := client.RbacV1().ClusterRoleBindings().List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	rs, err := client.RbacV1().Roles("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	rbs, err := client.RbacV1().RoleBindings("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	p.ClusterRoles = crs.Items
	p.ClusterRoleBindings = crbs.Items
	for _, r := range rs.Items {
		p.Roles[r.Namespace] = append(p.Roles[r.Namespace], r)
	}
	for _, b := range rbs.Items {
		p.RoleBindings[b.Namespace] = append(p.RoleBindings[b.Namespace], b)
	}
	sort.Slice(p.ClusterRoles, func(i, j int) bool { return p.ClusterRoles[i].Name < p.ClusterRoles[j].Name })
	sort.Slice(p.ClusterRoleBindings, func(i, j int) bool { return p.ClusterRoleBindings[i].Name < p.ClusterRoleBindings[j].Name })
	for ns := range p.Roles {
		sort.Slice(p.Roles[ns], func(i, j int) bool { return p.Roles[ns][i].Name < p.Roles[ns][j].Name })
	}
	for ns := range p.RoleBindings {
		sort.Slice(p.RoleBindings[ns], func(i, j int) bool { return p.RoleBindings[ns][i].Name < p.RoleBindings[ns][j].Name })
	}
	clean := func(m *metav1.ObjectMeta) {
		// Server-populated bookkeeping of the fake clientset, not policy.
		m.ResourceVersion = ""
		m.ManagedFields = nil
		m.UID = ""
		m.CreationTimestamp = metav1.Time{}
		m.Generation = 0
	}
	for i := range p.ClusterRoles {
		clean(&p.ClusterRoles[i].ObjectMeta)
		p.ClusterRoles[i].TypeMeta = metav1.TypeMeta{Kind: "ClusterRole", APIVersion: "rbac.authorization.k8s.io/v1"}
	}
	for i := range p.ClusterRoleBindings {
		clean(&p.ClusterRoleBindings[i].ObjectMeta)
		p.ClusterRoleBindings[i].TypeMeta = metav1.TypeMeta{Kind: "ClusterRoleBinding", APIVersion: "rbac.authorization.k8s.io/v1"}
	}
	for ns := range p.Roles {
		for i := range p.Roles[ns] {
			clean(&p.Roles[ns][i].ObjectMeta)
			p.Roles[ns][i].TypeMeta = metav1.TypeMeta{Kind: "Role", APIVersion: "rbac.authorization.k8s.io/v1"}
		}
	}
	for ns := range p.RoleBindings {
		for i := range p.RoleBindings[ns] {
			clean(&p.RoleBindings[ns][i].ObjectMeta)
			p.RoleBindings[ns][i].TypeMeta = metav1.TypeMeta{Kind: "RoleBinding", APIVersion: "rbac.authorization.k8s.io/v1"}
		}
	}
	return p, nil
}

// bootstrapWorld holds the reconciled and aggregated bootstrap objects, to seed each case's clientset.
type bootstrapWorld struct {
	objects []runtime.Object
	policy  *Policy
}

// newRBACClientset is a fake clientset whose object tracker answers server-side apply with 415
// Unsupported Media Type: the clusterrole-aggregation controller then takes its own fallback,
// an Update with the same rules (what Apply with Force would write). The tracker with apply
// support (fake.NewClientset) builds a type converter per clientset, too slow for thousands of worlds.
func newRBACClientset(objects ...runtime.Object) *fake.Clientset {
	client := fake.NewSimpleClientset(objects...)
	client.PrependReactor("patch", "clusterroles", func(action k8stesting.Action) (bool, runtime.Object, error) {
		if p, ok := action.(k8stesting.PatchAction); ok && p.GetPatchType() == types.ApplyPatchType {
			return true, nil, &apierrors.StatusError{ErrStatus: metav1.Status{Status: metav1.StatusFailure, Code: 415, Reason: metav1.StatusReasonUnsupportedMediaType, Message: "apply patch not supported by this fake clientset"}}
		}
		return false, nil, nil
	})
	return client
}

func newBootstrapWorld() (*bootstrapWorld, error) {
	client := newRBACClientset()
	if err := reconcileBootstrap(client); err != nil {
		return nil, err
	}
	settleAggregation(client)
	p, err := snapshot(client)
	if err != nil {
		return nil, err
	}
	w := &bootstrapWorld{policy: p}
	for i := range p.ClusterRoles {
		w.objects = append(w.objects, p.ClusterRoles[i].DeepCopy())
	}
	for i := range p.ClusterRoleBindings {
		w.objects = append(w.objects, p.ClusterRoleBindings[i].DeepCopy())
	}
	for ns := range p.Roles {
		for i := range p.Roles[ns] {
			w.objects = append(w.objects, p.Roles[ns][i].DeepCopy())
		}
	}
	for ns := range p.RoleBindings {
		for i := range p.RoleBindings[ns] {
			w.objects = append(w.objects, p.RoleBindings[ns][i].DeepCopy())
		}
	}
	return w, nil
}

func bootstrapPolicy() (*Policy, error) {
	w, err := newBootstrapWorld()
	if err != nil {
		return nil, err
	}
	return w.policy, nil
}
