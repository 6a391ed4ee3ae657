package main

import (
	"context"
	"fmt"
	"runtime/pprof"
	"sync"
	"time"
)

// Customer is the record a payment service keeps in memory. Every field except Name's
// pinyin is personal data the gateway must mask before a human sees it.
type Customer struct {
	ID         int
	Name       string
	ResidentID string // Chinese resident identity number, ISO 7064 MOD 11-2 check digit
	Mobile     string // mainland mobile number
	BankCard   string // UnionPay card number, Luhn check digit
	Email      string
}

// Payment is the last thing main.handle produced; kept in a global so debuggers can read it.
type Payment struct {
	CustomerID  int
	AmountCents int64
	CardNumber  string
	Receipt     string
	At          time.Time
}

// The values here are mirrored in PII.md and in the Java constants TestBedPii: tests
// assert that none of them ever leaves the gateway unmasked.
var customers = []Customer{
	{ID: 1, Name: "张伟 Zhang Wei", ResidentID: "11010519491231002X", Mobile: "13800138000",
		BankCard: "6222021234567890128", Email: "zhang.wei@example.cn"},
	{ID: 2, Name: "李娜 Li Na", ResidentID: "440304199001011233", Mobile: "13912345678",
		BankCard: "6217001234567890122", Email: "li.na@example.com"},
	{ID: 3, Name: "王芳 Wang Fang", ResidentID: "310104198511204516", Mobile: "15800001111",
		BankCard: "6228480011223344554", Email: "wang.fang@example.org"},
	{ID: 4, Name: "刘洋 Liu Yang", ResidentID: "510108197803152023", Mobile: "18612345678",
		BankCard: "6225887766554433228", Email: "liu.yang@example.net"},
}

// Globals holding PII, visible to `dlv` through ListPackageVars and Eval.
var (
	vipCustomer   = &customers[0]
	supportEmail  = "ops-oncall@example.cn"
	lastPaymentMu sync.Mutex
	lastPayment   Payment
)

func customerByID(id int) *Customer {
	for i := range customers {
		if customers[i].ID == id {
			return &customers[i]
		}
	}
	return nil
}

// handle is the function debugging sessions set breakpoints on. Its locals deliberately
// hold copies of personal data so Delve's ListLocalVars and Eval return them.
//
//go:noinline
func handle(c *Customer, amountCents int64) (string, error) {
	idNumber := c.ResidentID
	mobile := c.Mobile
	cardNumber := c.BankCard
	email := c.Email
	note := fmt.Sprintf("card=%s mobile=%s", cardNumber, mobile)
	if amountCents <= 0 {
		return "", fmt.Errorf("amount must be positive, got %d", amountCents)
	}
	receipt := fmt.Sprintf("R-%d-%d-%d", c.ID, amountCents, time.Now().UnixNano()%100000)
	lastPaymentMu.Lock()
	lastPayment = Payment{CustomerID: c.ID, AmountCents: amountCents, CardNumber: cardNumber,
		Receipt: receipt, At: time.Now()}
	lastPaymentMu.Unlock()
	keepAlive(idNumber, email, note)
	return receipt, nil
}

// keepAlive stops the compiler from discarding locals even without -N -l.
//
//go:noinline
func keepAlive(values ...string) int {
	n := 0
	for _, v := range values {
		n += len(v)
	}
	return n
}

// startSettlementWorkers runs one goroutine per customer under a pprof label carrying the
// customer's e-mail, so goroutine profiles and Delve's goroutine labels show PII.
func startSettlementWorkers(stop <-chan struct{}) {
	for i := range customers {
		c := &customers[i]
		go pprof.Do(context.Background(), pprof.Labels("customer_email", c.Email, "worker", "settlement"),
			func(ctx context.Context) { settle(ctx, c, stop) })
	}
}

func settle(_ context.Context, c *Customer, stop <-chan struct{}) {
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	pending := c.BankCard
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
			keepAlive(pending)
		}
	}
}
