package main

// Case is one input: files read together (one lint run), and the can-i questions to ask about it.
type Case struct {
	ID    string     `json:"id"`
	Files []CaseFile `json:"files"`
	// CanI asks every combination subject × verb × resource × namespace, in that nesting order.
	CanI *CanIQuestions `json:"canI,omitempty"`
}

type CaseFile struct {
	Path string `json:"path"`
	// Data is the file's bytes, base64 (JSON strings cannot carry arbitrary bytes); empty when Path names a file to read.
	Data []byte `json:"data,omitempty"`
}

type CanIQuestions struct {
	Subjects   []string       `json:"subjects"`
	Verbs      []string       `json:"verbs"`
	Resources  []CanIResource `json:"resources"`
	Namespaces []string       `json:"namespaces"`
}

type CanIResource struct {
	Group       string `json:"group"`
	Resource    string `json:"resource"`
	Subresource string `json:"subresource,omitempty"`
	Name        string `json:"name,omitempty"`
	// Cluster: a cluster-scoped resource (the namespace of the question is not sent).
	Cluster bool `json:"cluster,omitempty"`
}
