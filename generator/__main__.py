from generator.cli.app import run

run()
