module debuggate/testbed

go 1.19
